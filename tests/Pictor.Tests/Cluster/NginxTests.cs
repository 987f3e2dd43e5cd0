using System.Diagnostics;
using System.Net;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Cluster;

/// <summary>
/// The deployment of deploy/: nginx (Debian's, with deploy/nginx/pictor.conf) in front of two instances
/// on PostgreSQL and S3. Balancing, caching of derived images, deletes and re-uploads through the cache,
/// and an instance killed in the middle of a generation.
/// </summary>
public sealed class NginxTests(BalancedCluster balanced, ITestOutputHelper output) : IClassFixture<BalancedCluster>
{
    private const string RequestsOk = "pictor_http_requests_total{method=\"GET\",code=\"200\"}";
    private readonly HttpClient _nginx = balanced.Nginx.Client();

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Requests_reach_both_instances_and_a_derived_image_is_generated_once_then_served_from_the_cache()
    {
        var (a, b) = (balanced.Cluster.Instances[0].Client(), balanced.Cluster.Instances[1].Client());
        var id = NewId("lb");
        await _nginx.UploadOkAsync(id, Corpus.Bytes("bench/harvesters-2725x2225.jpg"));

        var (okA, okB) = (await a.CounterAsync(RequestsOk), await b.CounterAsync(RequestsOk));
        for (var i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.OK, (await _nginx.GetAsync($"/original/{id}")).StatusCode);
        var (servedA, servedB) = (await a.CounterAsync(RequestsOk) - okA - 1, await b.CounterAsync(RequestsOk) - okB - 1); // less our own first read
        output.WriteLine($"20 GETs through nginx: {servedA} served by A, {servedB} by B");
        Assert.True(servedA > 0 && servedB > 0, $"A served {servedA}, B {servedB}");

        var (generatedA, generatedB) = (await a.GeneratedAsync(), await b.GeneratedAsync());
        var url = $"/derived/{id}-500x400.webp";
        var clock = Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => _nginx.GetAsync(url)));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsByteArrayAsync()));
        clock.Stop();
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(bodies, body => Assert.Equal(bodies[0], body));
        var generated = await a.GeneratedAsync() - generatedA + await b.GeneratedAsync() - generatedB;
        var statuses = responses.GroupBy(r => r.Headers.GetValues("X-Cache-Status").Single()).Select(g => $"{g.Count()} {g.Key}");
        output.WriteLine($"30 concurrent GETs of a new derived image through nginx in {clock.ElapsedMilliseconds} ms: {generated} generation; cache: {string.Join(", ", statuses)}");
        Assert.Equal(1, generated);

        var cached = await _nginx.GetAsync(url);
        Assert.Equal("HIT", cached.Headers.GetValues("X-Cache-Status").Single());
        Assert.Equal(bodies[0], await cached.Content.ReadAsByteArrayAsync());
        Assert.Contains("max-age=31536000", cached.Headers.CacheControl!.ToString()); // clients still get Pictor's header
    }

    [Fact]
    public async Task A_delete_and_a_reupload_are_seen_through_the_cache_within_its_freshness_and_revalidation_costs_no_generation()
    {
        var id = NewId("stale");
        var url = $"/derived/{id}-40x30.png";
        await _nginx.UploadOkAsync(id, Pixels.Solid(80, 60, ".png", [255, 0, 0]));
        var red = await _nginx.GetByteArrayAsync(url);
        Assert.Equal("HIT", (await _nginx.GetAsync(url)).Headers.GetValues("X-Cache-Status").Single());

        Assert.Equal(HttpStatusCode.NoContent, (await _nginx.DeleteAsync($"/original/{id}")).StatusCode);
        var gone = await UntilAsync(async () => (await _nginx.GetAsync(url)).StatusCode == HttpStatusCode.NotFound);
        output.WriteLine($"after DELETE, nginx answered 404 after {gone.TotalMilliseconds:F0} ms");
        Assert.Equal(HttpStatusCode.NotFound, (await _nginx.GetAsync(url)).StatusCode);

        await _nginx.UploadOkAsync(id, Pixels.Solid(80, 60, ".png", [0, 255, 0]));
        var replaced = await UntilAsync(async () =>
        {
            var response = await _nginx.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.NotFound) return false;
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.NotEqual(red, bytes); // once nginx has seen the delete, the old bytes never come back
            return IsGreen(bytes);
        });
        output.WriteLine($"after the re-upload, nginx served the new bytes after {replaced.TotalMilliseconds:F0} ms");
        Assert.NotEqual(red, await _nginx.GetByteArrayAsync(url));

        // Once stale, the entry is revalidated: the instance answers 304 from its database, nothing is generated.
        var generated = await GeneratedAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.1));
        var revalidated = await _nginx.GetAsync(url);
        Assert.Equal("REVALIDATED", revalidated.Headers.GetValues("X-Cache-Status").Single());
        Assert.True(IsGreen(await revalidated.Content.ReadAsByteArrayAsync()));
        Assert.Equal(generated, await GeneratedAsync());
    }

    [Fact]
    public async Task Kill_9_of_the_instance_generating_behind_nginx_and_the_clients_request_still_completes()
    {
        await using var own = await BalancedCluster.StartAsync(new Dictionary<string, string> { ["Pictor:Derivation:LeaseSeconds"] = "3" });
        var nginx = own.Nginx.Client();
        await nginx.UploadOkAsync("killed", Corpus.Bytes("bench/harvesters-4032x3024.jpg"));

        var request = nginx.GetAsync("/derived/killed-1400x1050.avif");
        var generating = await GeneratingInstanceAsync(own.Cluster, TimeSpan.FromSeconds(30));
        var survivor = own.Cluster.Instances[1 - generating];
        Assert.False(request.IsCompleted);
        var sinceKill = Stopwatch.StartNew();
        own.Cluster.Instances[generating].Kill();
        var response = await request;
        output.WriteLine($"behind nginx: instance {generating} killed mid-generation; the client's request answered {(int)response.StatusCode} {sinceKill.Elapsed.TotalSeconds:F2} s later");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1400, 1050), Pixels.Size(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(1, await survivor.Client().GeneratedAsync());
    }

    private async Task<long> GeneratedAsync() =>
        await balanced.Cluster.Instances[0].Client().GeneratedAsync() + await balanced.Cluster.Instances[1].Client().GeneratedAsync();

    /// <summary>The instance whose temp folder holds the downloaded original of a derive in progress.</summary>
    private static async Task<int> GeneratingInstanceAsync(PictorCluster cluster, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            for (var i = 0; i < cluster.Instances.Count; i++)
            {
                var tmp = Path.Combine(cluster.DataDirectory(i), "tmp");
                if (Directory.Exists(tmp) && Directory.EnumerateFiles(tmp, "*.blob", SearchOption.AllDirectories).Any()) return i;
            }
            await Task.Delay(5);
        }
        throw new TimeoutException("no instance started the derive");
    }

    private static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            // One second of freshness counted in whole seconds is under two; the rest is slack for a loaded machine.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), "nginx kept serving the old state for longer than its freshness allows");
            await Task.Delay(25);
        }
        return clock.Elapsed;
    }

    private static bool IsGreen(byte[] image)
    {
        using var loaded = Pixels.Load(image);
        var pixel = loaded.Getpoint(loaded.Width / 2, loaded.Height / 2);
        return pixel[1] > 200 && pixel[0] < 50;
    }
}
