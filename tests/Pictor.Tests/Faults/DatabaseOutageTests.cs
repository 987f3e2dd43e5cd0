using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Faults;

/// <summary>
/// The database goes away under a real server process: SQLite locked by another process beyond the busy timeout,
/// PostgreSQL stopped for 10 seconds under load and started again. Requests that need it get 503 with
/// Retry-After, never 500; reads that do not need a write go on; everything recovers without a restart; nothing
/// acknowledged is lost and nothing half-written remains.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");
    private static readonly byte[] Png = Corpus.Bytes("wuffs/hat.png");

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.EndsWith("/dependency-unavailable", problem.GetProperty("type").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 carries Retry-After");
    }

    private static void AssertNoFaults(string metrics, string log)
    {
        Assert.DoesNotMatch(new Regex(@"pictor_http_requests_total\{method=""[A-Z]+"",code=""500""\}"), metrics);
        Assert.DoesNotContain("Unhandled fault", log);
    }

    [Fact]
    public async Task SQLite_locked_by_another_process_answers_writes_503_and_keeps_serving_reads()
    {
        using var data = new TempFolder("pictor-locked");
        var settings = new Dictionary<string, string>
        {
            ["Pictor:DataDirectory"] = data.Path,
            ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
            ["Pictor:Database:BusyTimeoutSeconds"] = "2",
        };
        await using var server = await PictorProcess.StartAsync(settings);
        using var client = server.Client();
        await client.UploadOkAsync("kept", Jpeg);
        var cached = await client.GetByteArrayAsync("/derived/kept-40x30.jpg");

        await using (var other = new SqliteConnection($"Data Source={Path.Combine(data.Path, "pictor.db")};Pooling=False"))
        {
            await other.OpenAsync();
            await using (var begin = other.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
            }

            var waited = Stopwatch.StartNew();
            await AssertUnavailableAsync(await client.UploadAsync("new", Png));
            output.WriteLine($"POST answered 503 after {waited.ElapsedMilliseconds} ms");
            await AssertUnavailableAsync(await client.PutRawAsync("kept", Png));
            await AssertUnavailableAsync(await client.DeleteAsync("/original/kept"));
            await AssertUnavailableAsync(await client.GetAsync("/derived/kept-41x30.jpg")); // a new derive needs its lease row

            // Reads need no write lock: originals, stored derived images, metadata.
            Assert.Equal(Jpeg, await client.GetByteArrayAsync("/original/kept"));
            Assert.Equal(cached, await client.GetByteArrayAsync("/derived/kept-40x30.jpg"));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/original/kept/metadata")).StatusCode);
        }

        // The lock is gone: all works again, with nothing of the refused requests kept.
        await (await client.GetAsync("/original/new")).ProblemAsync(HttpStatusCode.NotFound);
        await client.UploadOkAsync("new", Png);
        Assert.Equal(Jpeg, await client.GetByteArrayAsync("/original/kept"));
        Assert.Equal((41, 30), Pixels.Size(await client.GetByteArrayAsync("/derived/kept-41x30.jpg")));
        AssertNoFaults(await client.GetStringAsync("/metrics"), server.Log);
    }

    [Fact]
    public async Task PostgreSQL_down_hits_held_in_memory_are_still_served_and_healthz_turns_unhealthy()
    {
        using var postgres = await PostgresServer.StartAsync();
        using var data = new TempFolder("pictor-pg-hits");
        using var probedData = new TempFolder("pictor-pg-probed");
        Dictionary<string, string> Settings(string folder, string database) => new()
        {
            ["Pictor:DataDirectory"] = folder,
            ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
            ["Pictor:Database:Provider"] = "postgres",
            ["Pictor:Database:ConnectionString"] = postgres.ConnectionString(database),
        };
        await using var server = await PictorProcess.StartAsync(Settings(data.Path, await postgres.CreateDatabaseAsync()));
        // A second instance whose health check is reused for ten minutes: it cannot notice the outage by probing.
        var probed = Settings(probedData.Path, await postgres.CreateDatabaseAsync());
        probed["Pictor:Health:DatabaseCheckMilliseconds"] = "600000";
        await using var probedServer = await PictorProcess.StartAsync(probed);
        using var client = server.Client();
        await client.UploadOkAsync("hot", Jpeg);
        var bytes = await client.GetByteArrayAsync("/derived/hot-40x30.jpg");
        Assert.Equal(bytes, await client.GetByteArrayAsync("/derived/hot-40x30.jpg")); // the second request admits it to memory
        var etag = (await client.GetAsync("/derived/hot-40x30.jpg")).Headers.ETag!;

        postgres.Stop();
        try
        {
            // Certain without the database: served from memory, every form of it.
            Assert.Equal(bytes, await client.GetByteArrayAsync("/derived/hot-40x30.jpg"));
            using (var revalidate = new HttpRequestMessage(HttpMethod.Get, "/derived/hot-40x30.jpg"))
            {
                revalidate.Headers.IfNoneMatch.Add(etag);
                Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(revalidate)).StatusCode);
            }
            using (var range = new HttpRequestMessage(HttpMethod.Get, "/derived/hot-40x30.jpg"))
            {
                range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 9);
                var partial = await client.SendAsync(range);
                Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
                Assert.Equal(bytes[..10], await partial.Content.ReadAsByteArrayAsync());
            }
            // Not certain without it: 503 with Retry-After.
            await AssertUnavailableAsync(await client.GetAsync("/derived/hot-41x30.jpg"));
            await AssertUnavailableAsync(await client.GetAsync("/original/hot/metadata"));
            // /healthz tells the truth within its interval (a second by default) …
            await Eventually.HoldsAsync(async () => (await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.ServiceUnavailable, "/healthz answers 503");
            Assert.EndsWith("/dependency-unavailable", (await (await client.GetAsync("/healthz")).ProblemAsync(HttpStatusCode.ServiceUnavailable)).GetProperty("type").GetString());
            // … and does not open a connection per probe: the instance that checked last before the outage still says ok.
            using (var probe = probedServer.Client())
                for (var i = 0; i < 20; i++)
                    Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/healthz")).StatusCode);
        }
        finally
        {
            await postgres.RestartAsync(); // also when an assertion failed, so that it is the failure reported
        }
        await Eventually.HoldsAsync(async () => (await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK, "/healthz answers 200 again");
        Assert.Equal((41, 30), Pixels.Size(await client.GetByteArrayAsync("/derived/hot-41x30.jpg")));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/original/hot")).StatusCode);
        await (await client.GetAsync("/derived/hot-40x30.jpg")).ProblemAsync(HttpStatusCode.NotFound);
        AssertNoFaults(await client.GetStringAsync("/metrics"), server.Log);
    }

    [Fact]
    public async Task PostgreSQL_stopped_for_ten_seconds_under_load_gives_503s_then_everything_recovers()
    {
        using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        using var data = new TempFolder("pictor-pg-outage");
        var settings = new Dictionary<string, string>
        {
            ["Pictor:DataDirectory"] = data.Path,
            ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
            ["Pictor:Database:Provider"] = "postgres",
            ["Pictor:Database:ConnectionString"] = postgres.ConnectionString(database),
        };
        await using var server = await PictorProcess.StartAsync(settings);
        using var client = server.Client();
        await client.UploadOkAsync("seed", Jpeg);
        await client.GetByteArrayAsync("/derived/seed-40x30.jpg");

        var acknowledged = new ConcurrentDictionary<string, byte[]>();
        var statuses = new ConcurrentQueue<(TimeSpan At, string Op, HttpStatusCode Code, bool RetryAfter)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var counter = 0;
        async Task WorkerAsync(int worker)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var n = Interlocked.Increment(ref counter);
                (string Op, Func<Task<HttpResponseMessage>> Send) request = (n % 4) switch
                {
                    0 => ("upload", () => client.UploadAsync($"u{n}", n % 8 == 0 ? Jpeg : Png)),
                    1 => ("derive", () => client.GetAsync($"/derived/seed-{20 + n % 500}x{20 + worker}.jpg")),
                    2 => ("hit", () => client.GetAsync("/derived/seed-40x30.jpg")),
                    _ => ("original", () => client.GetAsync("/original/seed")),
                };
                using var response = await request.Send();
                statuses.Enqueue((clock.Elapsed, request.Op, response.StatusCode, response.Headers.RetryAfter is not null));
                if (request.Op == "upload" && response.StatusCode == HttpStatusCode.Created) acknowledged[$"u{n}"] = n % 8 == 0 ? Jpeg : Png;
                await Task.Delay(20);
            }
        }
        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(WorkerAsync));

        await Task.Delay(TimeSpan.FromSeconds(3));
        var down = clock.Elapsed;
        postgres.Stop();
        await Task.Delay(TimeSpan.FromSeconds(10));
        await postgres.RestartAsync();
        var up = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(6));
        await stop.CancelAsync();
        await load;

        var all = statuses.ToList();
        foreach (var group in all.GroupBy(s => (s.Op, s.Code)).OrderBy(g => g.Key.Op))
            output.WriteLine($"{group.Key.Op} {(int)group.Key.Code}: {group.Count()}");
        Assert.All(all, s => Assert.True(s.Code is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable,
            $"{s.Op} answered {(int)s.Code} at {s.At}"));
        Assert.All(all.Where(s => s.Code == HttpStatusCode.ServiceUnavailable), s => Assert.True(s.RetryAfter, "503 without Retry-After"));
        Assert.Contains(all, s => s.Code == HttpStatusCode.ServiceUnavailable && s.At > down && s.At < up);
        // Recovered without a restart of Pictor: the last two seconds were all answered.
        var tail = all.Where(s => s.At > clock.Elapsed - TimeSpan.FromSeconds(2.5) - (clock.Elapsed - all.Max(x => x.At))).ToList();
        Assert.NotEmpty(tail);
        Assert.All(tail, s => Assert.True(s.Code is HttpStatusCode.OK or HttpStatusCode.Created, $"{s.Op} still {(int)s.Code} after the database came back"));

        // Nothing acknowledged was lost.
        Assert.NotEmpty(acknowledged);
        foreach (var (id, bytes) in acknowledged) Assert.Equal(bytes, await client.GetByteArrayAsync($"/original/{id}"));
        AssertNoFaults(await client.GetStringAsync("/metrics"), server.Log);

        // Nothing half-written remains once the service's own recovery has run (it does at start).
        await server.DisposeAsync();
        await using var restarted = await PictorProcess.StartAsync(settings);
        var (exit, report) = await PictorCommand.RunAsync(settings, "check");
        output.WriteLine(report);
        Assert.True(exit == 0, report);
    }
}
