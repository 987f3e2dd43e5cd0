using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Cluster;

/// <summary>
/// A rolling restart behind the shipped nginx configuration under load: instance A gets SIGTERM, drains and exits
/// 0, starts again on its port; then B the same; meanwhile clients upload, derive and read through nginx, and
/// not one request fails.
/// </summary>
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");
    private static readonly byte[] Png = Corpus.Bytes("wuffs/hat.png");

    /// <summary>nginx's fail_timeout in deploy/nginx: an instance that refused connections is left out this long.</summary>
    private static readonly TimeSpan FailTimeout = TimeSpan.FromSeconds(10);

    private static async Task WaitForTrafficAsync(PictorProcess instance, TimeSpan timeout)
    {
        using var direct = instance.Client();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var metrics = await direct.GetStringAsync("/metrics");
            var uploads = System.Text.RegularExpressions.Regex.Match(metrics, @"pictor_http_requests_total\{method=""POST"",code=""201""\} (\d+)");
            if (uploads.Success && int.Parse(uploads.Groups[1].Value) >= 5) return;
            if (waited.Elapsed > timeout) throw new TimeoutException($"nginx sent no uploads to the restarted instance within {timeout}");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    [Fact]
    public async Task Restarting_both_instances_one_after_the_other_under_load_fails_no_request()
    {
        var stores = await ClusterStores.CreateAsync();
        using var folderA = new TempFolder("pictor-rolling-a");
        using var folderB = new TempFolder("pictor-rolling-b");
        var settings = new[] { stores.InstanceSettings(folderA.Path), stores.InstanceSettings(folderB.Path) };
        var instances = new PictorProcess[2];
        var ports = new[] { PictorProcess.FreePort(), PictorProcess.FreePort() };
        try
        {
            for (var i = 0; i < 2; i++) instances[i] = await PictorProcess.StartAsync(settings[i], ports[i]);
            using var nginx = await NginxServer.StartAsync(ports);
            using var client = nginx.Client();
            await client.UploadOkAsync("seed", Jpeg);

            var counts = new ConcurrentDictionary<string, int>();
            var failures = new ConcurrentQueue<string>();
            var acknowledged = new ConcurrentDictionary<string, byte[]>();
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource();
            var counter = 0;
            var load = Task.WhenAll(Enumerable.Range(0, 6).Select(async worker =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var n = Interlocked.Increment(ref counter);
                    (string Op, Func<Task<HttpResponseMessage>> Send) request = (n % 4) switch
                    {
                        0 => ("upload", () => client.UploadAsync($"u{n}", Png)),
                        1 => ("derive", () => client.GetAsync($"/derived/seed-{20 + n % 2000}x{20 + worker}.jpg")),
                        2 => ("original", () => client.GetAsync("/original/seed")),
                        _ => ("cached derived", () => client.GetAsync("/derived/seed-40x30.jpg")),
                    };
                    try
                    {
                        using var response = await request.Send();
                        await response.Content.ReadAsByteArrayAsync();
                        counts.AddOrUpdate($"{request.Op} {(int)response.StatusCode}", 1, (_, c) => c + 1);
                        if (!response.IsSuccessStatusCode) failures.Enqueue($"{clock.Elapsed.TotalSeconds:F1} s: {request.Op} {(int)response.StatusCode}");
                        else if (request.Op == "upload") acknowledged[$"u{n}"] = Png;
                    }
                    catch (HttpRequestException e)
                    {
                        counts.AddOrUpdate($"{request.Op} exception", 1, (_, c) => c + 1);
                        failures.Enqueue($"{clock.Elapsed.TotalSeconds:F1} s: {request.Op} {e.Message}");
                    }
                }
            }));

            await Task.Delay(TimeSpan.FromSeconds(3));
            for (var i = 0; i < 2; i++)
            {
                var name = i == 0 ? "A" : "B";
                var terminated = clock.Elapsed;
                instances[i].Terminate();
                var exit = await instances[i].WaitForExitAsync(TimeSpan.FromSeconds(40));
                output.WriteLine($"{name}: SIGTERM at {terminated.TotalSeconds:F1} s, exit {exit} after {(clock.Elapsed - terminated).TotalSeconds:F1} s");
                output.WriteLine(string.Join('\n', instances[i].Log.Split('\n').Where(l => l.Contains("rain", StringComparison.Ordinal) || l.Contains("Stopping", StringComparison.Ordinal))));
                Assert.Equal(0, exit);
                await instances[i].DisposeAsync();
                instances[i] = await PictorProcess.StartAsync(settings[i], ports[i]);
                output.WriteLine($"{name}: serving again at {clock.Elapsed.TotalSeconds:F1} s");
                // nginx leaves an instance that refused connections out for a while (fail_timeout after its last
                // refusal): the next instance may stop only once nginx sends this one uploads again.
                await WaitForTrafficAsync(instances[i], FailTimeout * 3);
                output.WriteLine($"{name}: taking uploads through nginx again at {clock.Elapsed.TotalSeconds:F1} s");
            }
            await stop.CancelAsync();
            await load;

            foreach (var (name, n) in counts.OrderBy(c => c.Key)) output.WriteLine($"{name}: {n}");
            output.WriteLine($"{counts.Values.Sum()} requests in {clock.Elapsed.TotalSeconds:F0} s, {failures.Count} failed");
            foreach (var failure in failures.Take(20)) output.WriteLine(failure);
            output.WriteLine(nginx.Log);
            Assert.Empty(failures);
            Assert.NotEmpty(acknowledged);
            foreach (var id in acknowledged.Keys.Take(50)) Assert.Equal(Png, await client.GetByteArrayAsync($"/original/{id}"));
        }
        finally
        {
            foreach (var instance in instances.Where(i => i is not null)) await instance.DisposeAsync();
            stores.ClearPool();
        }
    }
}
