using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Npgsql;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Faults;

/// <summary>
/// The object store misbehaves under a real server process (PostgreSQL for the database, s3rver behind
/// <see cref="FaultyProxy"/>): first a third of requests answered 500/503 or reset, then every request answered
/// 503, then every request stalled longer than the client's timeout, then every connection reset, then all well
/// again — while clients upload, derive and read. Idempotent operations are retried a bounded number of times;
/// what still fails is 503 with Retry-After, never 500; no record points at missing bytes; the sweeper removes
/// what the failed writes left, and <c>pictor check</c> finds the store consistent.
/// </summary>
public sealed class ObjectStoreFaultTests(ITestOutputHelper output)
{
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");
    private static readonly byte[] Png = Corpus.Bytes("wuffs/hat.png");

    private sealed record Outcome(string Phase, string Op, HttpStatusCode Code, bool RetryAfter, TimeSpan Took);

    [Fact]
    public async Task Store_faults_are_retried_then_answered_503_and_leave_every_record_with_its_bytes()
    {
        var postgres = await TestServers.PostgresAsync();
        // A server of its own: resets and stalls are injected between Pictor and it, and an s3rver that chokes on
        // them must not take the shared one (every other cluster test) down with it.
        using var s3 = await S3Server.StartAsync();
        var bucket = await s3.CreateBucketAsync();
        var database = await postgres.CreateDatabaseAsync();
        using var proxy = FaultyProxy.Start(s3.ServiceUrl);
        using var data = new TempFolder("pictor-s3-faults");
        var settings = s3.Settings(bucket).ToDictionary(s => s.Key, s => s.Value ?? "");
        settings["Pictor:Storage:S3:ServiceUrl"] = proxy.Url;
        settings["Pictor:Storage:S3:TimeoutSeconds"] = "2"; // shorter than the proxy's 5-second stall
        settings["Pictor:Storage:S3:MaxRetries"] = "3";
        settings["Pictor:Database:Provider"] = "postgres";
        settings["Pictor:Database:ConnectionString"] = postgres.ConnectionString(database);
        settings["Pictor:DataDirectory"] = data.Path;
        settings["Pictor:ApiKeys:0"] = PictorFactory.ApiKey;
        settings["Pictor:Consistency:UploadLeaseSeconds"] = "20";
        settings["Pictor:Consistency:SweepIntervalSeconds"] = "2";
        settings["Pictor:Consistency:AbandonedWriteGraceSeconds"] = "10"; // longer than the proxy's stall

        await using var server = await PictorProcess.StartAsync(settings);
        using var client = server.Client();
        await client.UploadOkAsync("seed", Jpeg);
        await client.GetByteArrayAsync("/derived/seed-40x30.jpg");

        var outcomes = new ConcurrentQueue<Outcome>();
        var acknowledged = new ConcurrentDictionary<string, byte[]>();
        var counter = 0;
        var perPhase = new List<string>();
        async Task RunAsync(string name, TimeSpan length)
        {
            var before = proxy.Counts;
            using var stop = new CancellationTokenSource(length);
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async worker =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var n = Interlocked.Increment(ref counter);
                    var bytes = n % 3 == 0 ? Jpeg : Png;
                    (string Op, Func<Task<HttpResponseMessage>> Send) request = (n % 4) switch
                    {
                        0 => ("upload", () => client.UploadAsync($"u{n}", bytes)),
                        1 => ("derive", () => client.GetAsync($"/derived/seed-{20 + n % 700}x{20 + worker}.jpg")),
                        2 => ("stored-derived", () => client.GetAsync("/derived/seed-40x30.jpg")),
                        _ => ("original", () => client.GetAsync("/original/seed")),
                    };
                    var took = Stopwatch.StartNew();
                    using var response = await request.Send();
                    await response.Content.ReadAsByteArrayAsync();
                    outcomes.Enqueue(new Outcome(name, request.Op, response.StatusCode, response.Headers.RetryAfter is not null, took.Elapsed));
                    if (request.Op == "upload" && response.StatusCode == HttpStatusCode.Created) acknowledged[$"u{n}"] = bytes;
                }
            }));
            perPhase.Add($"{name} at the proxy: " + string.Join(", ", proxy.Counts.Where(c => !c.Key.StartsWith("requests ", StringComparison.Ordinal))
                .Select(c => (c.Key, N: c.Value - before.GetValueOrDefault(c.Key))).Where(c => c.N > 0).OrderBy(c => c.Key).Select(c => $"{c.Key} {c.N}")));
        }

        proxy.Inject(0.3, ProxyFault.Error500, ProxyFault.Error503, ProxyFault.Reset);
        await RunAsync("flaky (30% 500/503/reset)", TimeSpan.FromSeconds(8));
        proxy.Inject(0.3, ProxyFault.Stall);
        await RunAsync("slow (30% held 5 s)", TimeSpan.FromSeconds(8));
        proxy.Inject(1, ProxyFault.Error503);
        await RunAsync("down (all 503)", TimeSpan.FromSeconds(5));
        proxy.Inject(1, ProxyFault.Stall);
        await RunAsync("stalled (all held 5 s)", TimeSpan.FromSeconds(5));
        proxy.Inject(1, ProxyFault.Reset);
        await RunAsync("resetting (all reset)", TimeSpan.FromSeconds(4));
        proxy.PassThrough();
        await RunAsync("recovered", TimeSpan.FromSeconds(4));

        var all = outcomes.ToList();
        foreach (var group in all.GroupBy(o => (o.Phase, o.Op, o.Code)).OrderBy(g => g.Key.Phase).ThenBy(g => g.Key.Op))
            output.WriteLine($"{group.Key.Phase} | {group.Key.Op} {(int)group.Key.Code}: {group.Count()} (longest {group.Max(o => o.Took.TotalSeconds):F1} s)");
        foreach (var line in perPhase) output.WriteLine(line);
        foreach (var (name, n) in proxy.Counts.OrderBy(c => c.Key)) output.WriteLine($"proxy {name}: {n}");
        var metrics = await client.GetStringAsync("/metrics");
        var operations = ObjectStoreOperations(metrics);
        foreach (var (name, n) in operations) output.WriteLine($"pictor {name}: {n}");
        output.WriteLine($"requests at the proxy {proxy.Count("requests")}, operations {operations.Values.Sum()}: {proxy.Count("requests") - operations.Values.Sum()} retries");

        // Only success or 503 with Retry-After, in every phase.
        Assert.All(all, o => Assert.True(o.Code is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable,
            $"{o.Phase}: {o.Op} answered {(int)o.Code}"));
        Assert.All(all.Where(o => o.Code == HttpStatusCode.ServiceUnavailable), o => Assert.True(o.RetryAfter, $"{o.Phase}: {o.Op} 503 without Retry-After"));
        // Intermittent faults are mostly absorbed by retries; a store that is down is reported as such.
        var flaky = all.Where(o => o.Phase.StartsWith("flaky", StringComparison.Ordinal) || o.Phase.StartsWith("slow", StringComparison.Ordinal)).ToList();
        Assert.True(flaky.Count(o => o.Code != HttpStatusCode.ServiceUnavailable) > flaky.Count * 0.8,
            $"flaky: {flaky.Count(o => o.Code == HttpStatusCode.ServiceUnavailable)} of {flaky.Count} answered 503");
        foreach (var down in new[] { "down", "stalled", "resetting" })
            Assert.Contains(all, o => o.Phase.StartsWith(down, StringComparison.Ordinal) && o.Op == "upload" && o.Code == HttpStatusCode.ServiceUnavailable);
        Assert.True(proxy.Count("requests") > operations.Values.Sum(), "the client retried");
        Assert.True(operations.GetValueOrDefault("PUT unavailable") > 0, "some PUTs failed after their retries");
        // Bounded: at most MaxRetries + 1 attempts of 2 s each plus backoff, far from the client's own timeout.
        Assert.All(all, o => Assert.True(o.Took < TimeSpan.FromSeconds(30), $"{o.Phase}: {o.Op} took {o.Took}"));
        var recovered = all.Where(o => o.Phase == "recovered").ToList();
        Assert.NotEmpty(recovered);
        Assert.All(recovered.Skip(recovered.Count / 4), o => Assert.True(o.Code is HttpStatusCode.OK or HttpStatusCode.Created, $"recovered: {o.Op} {(int)o.Code}"));
        Assert.DoesNotMatch(new Regex(@"pictor_http_requests_total\{method=""[A-Z]+"",code=""500""\}"), metrics);
        Assert.DoesNotContain("Unhandled fault", server.Log);

        // Nothing acknowledged was lost, and every record's bytes are in the bucket (looked at past the proxy).
        Assert.NotEmpty(acknowledged);
        foreach (var (id, bytes) in acknowledged) Assert.Equal(bytes, await client.GetByteArrayAsync($"/original/{id}"));
        var keys = (await s3.KeysAsync(bucket)).ToHashSet(StringComparer.Ordinal);
        var referenced = await ReferencedKeysAsync(postgres.ConnectionString(database));
        output.WriteLine($"records {referenced.Count} (originals and ready derived), objects in the bucket {keys.Count}");
        Assert.All(referenced, key => Assert.Contains(key, keys));

        // The sweeper removes what the failed writes left once their leases run out; then check finds nothing.
        var checkSettings = new Dictionary<string, string>(settings) { ["Pictor:Storage:S3:ServiceUrl"] = s3.ServiceUrl };
        var waited = Stopwatch.StartNew();
        var (exit, report, journaled) = (1, "", -1L);
        // check accepts a journaled blob whose grace has not run out (a write that may still be in flight), so
        // it passes before the sweeper has deleted every failed write: wait for both.
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            (exit, report) = await PictorCommand.RunAsync(checkSettings, "check");
            journaled = await JournalEntriesAsync(postgres.ConnectionString(database));
            if (exit == 0 && journaled == 0) break;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        output.WriteLine($"after {waited.Elapsed.TotalSeconds:F0} s ({journaled} journal entries left): {report}");
        Assert.True(exit == 0, report);
        Assert.Equal(0, journaled);
        keys = (await s3.KeysAsync(bucket)).ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"objects in the bucket after the sweep {keys.Count}; {ObjectStoreSweeps(await client.GetStringAsync("/metrics"))} blobs deleted by the journal");
        // A PUT the proxy held for 5 s reaches the store after the SDK gave up on it; its blob is deleted only
        // after the abandoned-write grace, so it does not stay behind unreferenced.
        Assert.Empty(keys.Except(referenced, StringComparer.Ordinal));
        Assert.Equal(referenced.Count, keys.Count);
    }

    private static Dictionary<string, long> ObjectStoreOperations(string metrics) =>
        Regex.Matches(metrics, @"pictor_object_store_operations_total\{operation=""(\w+)"",outcome=""(\w+)""\} (\d+)")
            .ToDictionary(m => $"{m.Groups[1].Value} {m.Groups[2].Value}", m => long.Parse(m.Groups[3].Value));

    private static long ObjectStoreSweeps(string metrics) =>
        long.Parse(Regex.Match(metrics, @"pictor_journal_blobs_deleted_total (\d+)").Groups[1].Value);

    private static async Task<long> JournalEntriesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM blob_journal", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task<List<string>> ReferencedKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "StorageKey" FROM originals UNION ALL SELECT "StorageKey" FROM derived WHERE "State" = 1""", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        return keys;
    }
}
