using System.Net;
using System.Text.RegularExpressions;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Faults;

/// <summary>
/// The data directory (database, blobs, temp files) on a small tmpfs that fills up under uploads and derives:
/// 507 with a problem body, never 500; nothing acknowledged lost, nothing partial left; all well once space is freed.
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output)
{
    private static readonly byte[] Large = Corpus.Bytes("bench/harvesters-2725x2225.jpg");
    private static readonly byte[] Small = Corpus.Bytes("wuffs/hippopotamus.jpeg");

    [Fact]
    public async Task A_full_disk_answers_507_keeps_what_was_acknowledged_and_recovers_when_space_is_freed()
    {
        using var disk = new SmallDisk(megabytes: 32);
        var settings = new Dictionary<string, string>
        {
            ["Pictor:DataDirectory"] = Path.Combine(disk.Path, "data"),
            ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
        };
        await using var server = await PictorProcess.StartAsync(settings);
        using var client = server.Client();
        await client.UploadOkAsync("before", Small);

        disk.FillLeaving(3 * 1024 * 1024);
        var stored = new Dictionary<string, byte[]> { ["before"] = Small };
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            var id = $"full{i}";
            var response = await client.UploadAsync(id, Large);
            codes.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.Created) stored[id] = Large;
            else
            {
                var problem = await response.ProblemAsync(HttpStatusCode.InsufficientStorage);
                Assert.EndsWith("/insufficient-storage", problem.GetProperty("type").GetString());
                await (await client.GetAsync($"/original/{id}")).ProblemAsync(HttpStatusCode.NotFound);
            }
            var derived = await client.GetAsync($"/derived/before-{1000 + i}x{900 + i}.png");
            codes.Add(derived.StatusCode);
            Assert.True(derived.StatusCode is HttpStatusCode.OK or HttpStatusCode.InsufficientStorage, $"derive answered {(int)derived.StatusCode}");
            if (derived.StatusCode != HttpStatusCode.OK) await derived.ProblemAsync(HttpStatusCode.InsufficientStorage);
        }
        output.WriteLine(string.Join(" ", codes.Select(c => (int)c)));
        Assert.Contains(HttpStatusCode.InsufficientStorage, codes);

        // Every acknowledged upload is there, byte for byte; no 500 anywhere; no upload left in the temp area.
        foreach (var (id, bytes) in stored) Assert.Equal(bytes, await client.GetByteArrayAsync($"/original/{id}"));
        var metrics = await client.GetStringAsync("/metrics");
        Assert.DoesNotMatch(new Regex(@"pictor_http_requests_total\{method=""[A-Z]+"",code=""500""\}"), metrics);
        var temp = Directory.EnumerateFiles(Path.Combine(disk.Path, "data", "tmp"), "*.upload", SearchOption.AllDirectories).ToList();
        Assert.True(temp.Count == 0, $"uploads left in the temp area: {string.Join(", ", temp)}");

        // Space freed: everything works again, without a restart.
        disk.Free();
        await client.UploadOkAsync("after", Large);
        Assert.Equal(Large, await client.GetByteArrayAsync("/original/after"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/derived/after-640x480.webp")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/derived/before-1200x1000.png")).StatusCode);
        Assert.DoesNotContain("Unhandled fault", server.Log);

        // What the failures left (a derived blob whose journal entry could not be carried out while the disk was
        // full) is cleaned up like any dead instance's work: after a restart the check finds nothing.
        await server.DisposeAsync();
        await using var restarted = await PictorProcess.StartAsync(settings);
        foreach (var (id, bytes) in stored) Assert.Equal(bytes, await restarted.Client().GetByteArrayAsync($"/original/{id}"));
        var (exit, report) = await PictorCommand.RunAsync(settings, "check");
        output.WriteLine(report);
        Assert.True(exit == 0, report);
    }
}
