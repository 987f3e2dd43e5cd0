using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pictor.Soak;

// A bounded soak of the real service on loopback: a few minutes (or half an hour: --minutes 30) of mixed traffic
// at high concurrency. Passes when no response is a 5xx, resident memory after the warm-up grows less than 10 %,
// open files and threads do not grow, and the database grows no more than the records written to it.
// Writes bench/results/soak.md and soak.json. Run through bench/soak.sh, which builds first.
var options = SoakOptions.Parse(args);
var photos = new[] { "wuffs/harvesters.jpeg", "wuffs/hippopotamus.jpeg", "wuffs/peacock.default.jpeg", "wuffs/hat.png", "wuffs/bricks-color.png",
        "wuffs/harvesters.lossy.webp", "wuffs/hibiscus.regular.gif", "bench/harvesters-2725x2225.jpg", "orientation/Landscape_6.jpg" }
    .Select(f => File.ReadAllBytes(Path.Combine(options.CorpusRoot, f))).ToList();

var data = Path.Combine(options.ResultsFolder, "tmp", $"soak-{DateTime.UtcNow:yyyyMMddHHmmss}");
Directory.CreateDirectory(data);
try
{
    using var webhooks = new WebhookReceiver();
    using var server = await ServerProcess.StartAsync(options.RepositoryRoot, data, webhooks.Url);
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency * 2 })
    {
        BaseAddress = server.Address,
        Timeout = TimeSpan.FromSeconds(120),
    };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerProcess.ApiKey);

    var tally = new Tally();
    var traffic = new MixedTraffic(client, photos, tally);
    await traffic.SeedAsync(40);
    var startRss = server.ResidentBytes();

    var started = DateTime.UtcNow;
    var until = started + options.Duration;
    Console.WriteLine($"soak: {options.Duration.TotalMinutes:0.#} min, {options.Concurrency} clients, warm-up {options.WarmupSeconds} s, server pid {server.ProcessId}");
    var memory = new MemorySamples();
    var records = new RecordCounts();
    long DatabaseBytes() => Directory.EnumerateFiles(data, "pictor.db*").Sum(f => new FileInfo(f).Length);
    var sampling = memory.SampleAsync(server, DatabaseBytes, started, until);
    var progress = Task.Run(async () =>
    {
        while (DateTime.UtcNow < until)
        {
            await Task.Delay(TimeSpan.FromSeconds(15));
            var live = await records.SampleAsync(client, (DateTime.UtcNow - started).TotalSeconds);
            Console.WriteLine($"  {(DateTime.UtcNow - started).TotalSeconds,4:0} s: {tally.Total} responses, {tally.ServerErrors} 5xx, RSS {server.ResidentBytes() / 1048576.0:0} MB, " +
                $"{server.Threads()} threads, {server.OpenFiles()} open files, database {DatabaseBytes() / 1048576.0:0.0} MB for {live} records");
        }
    });
    await traffic.RunAsync(options.Concurrency, until);
    await sampling;
    await progress;

    var seconds = (DateTime.UtcNow - started).TotalSeconds;
    var afterWarmup = memory.MedianBetween(options.WarmupSeconds, options.WarmupSeconds + options.WindowSeconds);
    var atEnd = memory.MedianBetween(seconds - options.WindowSeconds, seconds);
    var growth = (atEnd - afterWarmup) / afterWarmup;
    var resources = ResourceCheck.From(memory, records, options.WarmupSeconds, seconds);
    var passed = tally.ServerErrors == 0 && tally.TransportErrors == 0 && growth < 0.10 && resources.Passed;

    var pending = await WebhooksPendingAsync(client);
    var report = Report(options, tally, memory, seconds, startRss, afterWarmup, atEnd, growth, resources, passed) +
        $"{Environment.NewLine}Webhooks: {webhooks.Total} events received ({string.Join(", ", webhooks.ByType.Select(e => $"{e.Value} × {e.Key}"))}), {pending} pending at the end.{Environment.NewLine}";
    Directory.CreateDirectory(options.ResultsFolder);
    await File.WriteAllTextAsync(Path.Combine(options.ResultsFolder, "soak.md"), report);
    await File.WriteAllTextAsync(Path.Combine(options.ResultsFolder, "soak.json"), JsonSerializer.Serialize(new
    {
        date = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        minutes = options.Minutes, warmupSeconds = options.WarmupSeconds, clients = options.Concurrency,
        responses = tally.Total, serverErrors = tally.ServerErrors, transportErrors = tally.TransportErrors,
        statuses = tally.Statuses().Select(s => new { operation = s.Operation.ToString(), s.Status, s.Count }),
        rssStartMb = startRss / 1048576.0, rssAfterWarmupMb = afterWarmup / 1048576.0, rssEndMb = atEnd / 1048576.0,
        rssMaxAfterWarmupMb = memory.MaxAfter(options.WarmupSeconds) / 1048576.0, rssGrowthPercent = growth * 100,
        rssSlopeMbPerMinute = memory.SlopePerMinute(options.WarmupSeconds) / 1048576.0,
        threadsAfterWarmup = resources.ThreadsAfterWarmup, threadsEnd = resources.ThreadsAtEnd,
        openFilesAfterWarmup = resources.OpenFilesAfterWarmup, openFilesEnd = resources.OpenFilesAtEnd,
        databaseMbAfterWarmup = resources.DatabaseAfterWarmup / 1048576.0, databaseMbEnd = resources.DatabaseAtEnd / 1048576.0,
        webhooksReceived = webhooks.Total, webhooksPendingAtEnd = pending,
        recordsAfterWarmup = resources.RecordsAfterWarmup, recordsMostAfterWarmup = resources.RecordsMost, databaseBoundMb = resources.DatabaseBound / 1048576.0,
        passed,
    }, new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine(report);
    return passed ? 0 : 1;
}
finally
{
    try { Directory.Delete(data, recursive: true); } catch (IOException) { }
}

static async Task<long> WebhooksPendingAsync(HttpClient client)
{
    var metrics = await client.GetStringAsync("/metrics");
    var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("pictor_webhooks_pending ", StringComparison.Ordinal));
    return line is null ? -1 : (long)double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
}

static string Report(SoakOptions options, Tally tally, MemorySamples memory, double seconds, long startRss, double afterWarmup, double atEnd, double growth, ResourceCheck resources, bool passed)
{
    static string Mb(double bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
    var s = new StringBuilder();
    s.AppendLine(CultureInfo.InvariantCulture, $"# Soak, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    s.AppendLine();
    s.AppendLine(CultureInfo.InvariantCulture, $"`bench/soak.sh --minutes {options.Minutes} --warmup {options.WarmupSeconds} --concurrency {options.Concurrency}` on {Environment.ProcessorCount} cores, loopback, SQLite + filesystem, default settings.");
    s.AppendLine();
    s.AppendLine(CultureInfo.InvariantCulture, $"- **{(passed ? "passed" : "FAILED")}**: {tally.ServerErrors} responses 5xx, {tally.TransportErrors} transport errors; resident memory {(growth * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture)} % from just after the warm-up to the end (bound: < 10 %)");
    s.AppendLine(CultureInfo.InvariantCulture, $"- {tally.Total} responses in {seconds:0} s ({tally.Total / seconds:0} per second)");
    s.AppendLine(CultureInfo.InvariantCulture, $"- RSS: {Mb(startRss)} after seeding; median {Mb(afterWarmup)} in the {options.WindowSeconds:0} s after the warm-up and {Mb(atEnd)} in the last {options.WindowSeconds:0} s; at most {Mb(memory.MaxAfter(options.WarmupSeconds))} in a single sample after the warm-up; trend after the warm-up {(memory.SlopePerMinute(options.WarmupSeconds) / 1048576.0).ToString("+0.0;-0.0", CultureInfo.InvariantCulture)} MB per minute (least squares)");
    s.AppendLine(CultureInfo.InvariantCulture, $"- {resources.Describe()}");
    s.AppendLine();
    s.AppendLine("| operation | responses by status | p50 ms | p99 ms |");
    s.AppendLine("|---|---|---|---|");
    foreach (var operation in Enum.GetValues<Operation>())
    {
        var (count, p50, p99) = tally.Latency(operation);
        var statuses = string.Join(", ", tally.Statuses().Where(x => x.Operation == operation).Select(x => $"{x.Count} × {x.Status}"));
        s.AppendLine(CultureInfo.InvariantCulture, $"| {operation} | {(count == 0 ? "none" : statuses)} | {p50:0.0} | {p99:0.0} |");
    }
    s.AppendLine();
    s.AppendLine("Every 15 s: seconds, RSS, of which committed by the .NET GC, thread pool threads, all threads, open files, database on disk:");
    s.AppendLine();
    s.AppendLine("| s | RSS MB | GC committed MB | pool threads | threads | open files | database MB |");
    s.AppendLine("|---|---|---|---|---|---|---|");
    foreach (var m in memory.All.Where((_, i) => i % 15 == 0))
        s.AppendLine(CultureInfo.InvariantCulture, $"| {m.Seconds:0} | {m.Rss / 1048576.0:0} | {(m.GcCommitted < 0 ? "–" : (m.GcCommitted / 1048576.0).ToString("0", CultureInfo.InvariantCulture))} | {(m.Threads < 0 ? "–" : m.Threads.ToString(CultureInfo.InvariantCulture))} | {m.OsThreads} | {m.OpenFiles} | {m.DatabaseBytes / 1048576.0:0.0} |");
    return s.ToString();
}
