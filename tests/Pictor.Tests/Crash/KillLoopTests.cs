using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Crash;

/// <summary>
/// The real server, under concurrent uploads, replaces, deletes, reads and derives, is killed with
/// SIGKILL at a random moment, again and again, and restarted on the same data with its default
/// settings (five-minute upload leases, 30-second generation leases). After every restart, before any
/// request: no orphan blob, no record without its blob, no unfinished record, no temp file; every
/// blob hashes to its record; every upload answered 201/200 is there byte for byte and every DELETE
/// answered 204 stays deleted; stored derived images are served whole. No client ever received a
/// partial or corrupt image.
/// </summary>
public sealed class KillLoopTests(ITestOutputHelper output)
{
    private const int Rounds = 25;
    private const int Workers = 6;

    [Fact]
    public async Task Killing_the_server_at_random_moments_loses_nothing_and_leaves_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PICTOR_KILL_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261124;
        output.WriteLine($"seed {seed} (set PICTOR_KILL_SEED to replay another)");
        var random = new Random(seed);
        using var root = new TempFolder("pictor-kill");
        var data = Path.Combine(root.Path, "data");
        var settings = new Dictionary<string, string>
        {
            ["Pictor:DataDirectory"] = data,
            ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
        };
        var ledger = new Ledger();
        var images = new ImagePool(48);
        var inspector = new StoreInspector(data);
        var started = Stopwatch.GetTimestamp();
        var counts = new LoadCounts();
        var left = new SortedDictionary<string, int>(StringComparer.Ordinal);

        for (var round = 1; round <= Rounds + 1; round++)
        {
            await using var server = await PictorProcess.StartAsync(settings);
            using var client = server.Client();
            var present = new List<string>();
            if (round > 1) present = await CheckAfterRestartAsync(server, client, ledger, inspector, round, runCheckCommand: round % 5 == 0 || round == Rounds + 1, settings);
            if (round > Rounds) break;

            var load = new MixedLoad(client, ledger, images, counts, seed);
            load.Resume(present);
            var running = load.RunAsync(Workers, round);
            // The first few hundred milliseconds of a new process are mostly JIT; kill later than that, at any moment.
            var delay = TimeSpan.FromMilliseconds(random.Next(400, 2000));
            await Task.WhenAny(running, Task.Delay(delay));
            load.Killing();
            server.Kill();
            try
            {
                await running; // every worker stops on its first failed request; anything else fails the test
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new InvalidOperationException($"{e.Message}\nserver log:\n{server.Log}", e);
            }

            var unfinished = inspector.Leftovers(out _).GroupBy(l => l[..l.IndexOf(':')]).ToList();
            foreach (var kind in unfinished) left[kind.Key] = left.GetValueOrDefault(kind.Key) + kind.Count();
            output.WriteLine($"round {round}: killed after {delay.TotalMilliseconds:0} ms, leaving {(unfinished.Count == 0 ? "nothing unfinished" : string.Join(", ", unfinished.Select(k => $"{k.Count()} × {k.Key}")))}");
        }

        var took = Stopwatch.GetElapsedTime(started);
        output.WriteLine($"{Rounds} kills in {took.TotalSeconds:0} s; {counts}; {ledger.Acknowledged} acknowledged writes and {ledger.AcknowledgedDeletes} acknowledged deletes checked after each restart");
        output.WriteLine($"left by the kills and cleaned by start-up recovery: {string.Join(", ", left.Select(k => $"{k.Value} × {k.Key}"))}");
    }

    /// <summary>Everything the class summary promises, on the state a restart (and its recovery) left.</summary>
    private async Task<List<string>> CheckAfterRestartAsync(
        PictorProcess server, HttpClient client, Ledger ledger, StoreInspector inspector, int round, bool runCheckCommand, IDictionary<string, string> settings)
    {
        var leftovers = inspector.Leftovers(out var stored);
        Assert.True(leftovers.Count == 0, $"after restart {round} at {DateTime.UtcNow:O}:\n{string.Join("\n", leftovers)}\nserver log:\n{server.Log}");
        foreach (var mismatch in inspector.BlobsNotMatchingTheirRecords()) Assert.Fail($"after restart {round}: {mismatch}");

        var listed = await ListOriginalsAsync(client);
        foreach (var id in ledger.Ids().Union(listed.Keys))
            ledger.Settle(id, listed.GetValueOrDefault(id));
        foreach (var (id, sha) in listed)
        {
            var bytes = await client.GetByteArrayAsync($"/original/{id}");
            Assert.Equal(sha, ImagePool.Hash(bytes));
        }
        var derivedChecked = await CheckSomeDerivedAsync(client, listed.Keys.Skip(round * 8 % Math.Max(1, listed.Count)).Take(8));

        var check = "";
        if (runCheckCommand)
        {
            var (exit, report) = await PictorCommand.RunAsync(settings, "check");
            Assert.True(exit == 0, $"pictor check after restart {round} exited {exit}:\n{report}");
            check = $"; pictor check: {report.Trim().Split('\n')[^1]}";
        }
        output.WriteLine($"restart {round}: clean ({stored.Originals} originals, {stored.Derived} derived, {stored.Blobs} blobs), {listed.Count} originals byte for byte, {derivedChecked} derived served whole{check}");
        return listed.Keys.ToList();
    }

    private static async Task<Dictionary<string, string>> ListOriginalsAsync(HttpClient client)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        string? after = null;
        do
        {
            var page = JsonDocument.Parse(await client.GetStringAsync($"/original?limit=1000{(after is null ? "" : $"&after={after}")}")).RootElement;
            foreach (var item in page.GetProperty("items").EnumerateArray())
                found[item.GetProperty("id").GetString()!] = item.GetProperty("sha256").GetString()!;
            after = page.GetProperty("next").GetString();
        } while (after is not null);
        return found;
    }

    private static async Task<int> CheckSomeDerivedAsync(HttpClient client, IEnumerable<string> ids)
    {
        var checkedCount = 0;
        foreach (var id in ids)
        {
            var metadata = JsonDocument.Parse(await client.GetStringAsync($"/original/{id}/metadata")).RootElement;
            foreach (var derived in metadata.GetProperty("derived").EnumerateArray())
            {
                var response = await client.GetAsync(derived.GetProperty("url").GetString());
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var body = await response.Content.ReadAsByteArrayAsync();
                MixedLoad.AssertWholeImage(body, derived.GetProperty("width").GetInt32(), derived.GetProperty("height").GetInt32());
                MixedLoad.AssertEtagIsHash(response, body);
                checkedCount++;
            }
        }
        return checkedCount;
    }
}
