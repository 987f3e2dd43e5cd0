using System.Globalization;
using System.Text.RegularExpressions;

namespace Pictor.Soak;

/// <summary>
/// The server's resident memory (from /proc, once a second) and, from its /metrics, how much of it the
/// garbage collector holds and how many pool threads run; and what RSS did after the warm-up.
/// </summary>
public sealed partial class MemorySamples
{
    public sealed record Sample(double Seconds, long Rss, long GcCommitted, long Threads);

    private readonly List<Sample> _samples = [];

    public IReadOnlyList<Sample> All
    {
        get { lock (_samples) return _samples.ToList(); }
    }

    public async Task SampleAsync(Func<long> resident, Uri server, DateTime started, DateTime until)
    {
        using var metrics = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(5) };
        while (DateTime.UtcNow < until)
        {
            var rss = resident();
            var (committed, threads) = await GcAndThreadsAsync(metrics);
            lock (_samples) _samples.Add(new Sample((DateTime.UtcNow - started).TotalSeconds, rss, committed, threads));
            await Task.Delay(1000);
        }
    }

    /// <summary>Mean RSS over the ten seconds ending at <paramref name="seconds"/>: single samples jump with each GC.</summary>
    public double MeanAround(double seconds)
    {
        lock (_samples)
        {
            var window = _samples.Where(s => s.Seconds > seconds - 10 && s.Seconds <= seconds).Select(s => (double)s.Rss).ToList();
            return window.Count == 0 ? double.NaN : window.Average();
        }
    }

    public long MaxAfter(double seconds)
    {
        lock (_samples) return _samples.Where(s => s.Seconds >= seconds).Select(s => s.Rss).DefaultIfEmpty().Max();
    }

    private static async Task<(long Committed, long Threads)> GcAndThreadsAsync(HttpClient metrics)
    {
        try
        {
            var text = await metrics.GetStringAsync("/metrics");
            return (Value(text, "dotnet_gc_committed_bytes"), Value(text, "dotnet_threadpool_threads"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (-1, -1); // the server was too busy to answer in time; RSS is what counts
        }
    }

    private static long Value(string metrics, string name) =>
        Line().Matches(metrics).Where(m => m.Groups["name"].Value == name).Select(m => long.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)).FirstOrDefault(-1);

    [GeneratedRegex(@"^(?<name>[a-z_]+) (?<value>\d+)$", RegexOptions.Multiline)]
    private static partial Regex Line();
}
