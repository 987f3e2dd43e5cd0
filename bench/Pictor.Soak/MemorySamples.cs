using System.Globalization;
using System.Text.RegularExpressions;

namespace Pictor.Soak;

/// <summary>
/// The server's resident memory, threads and open files (from /proc, once a second), the database's size on disk,
/// and from its /metrics how much memory the garbage collector holds and how many pool threads run; and what each
/// did after the warm-up.
/// </summary>
public sealed partial class MemorySamples
{
    public sealed record Sample(double Seconds, long Rss, long GcCommitted, long Threads, long OsThreads, long OpenFiles, long DatabaseBytes);

    private readonly List<Sample> _samples = [];

    public IReadOnlyList<Sample> All
    {
        get { lock (_samples) return _samples.ToList(); }
    }

    public async Task SampleAsync(ServerProcess server, Func<long> databaseBytes, DateTime started, DateTime until)
    {
        using var metrics = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(5) };
        while (DateTime.UtcNow < until)
        {
            var (rss, osThreads, openFiles, database) = (server.ResidentBytes(), server.Threads(), server.OpenFiles(), databaseBytes());
            var (committed, threads) = await GcAndThreadsAsync(metrics);
            lock (_samples) _samples.Add(new Sample((DateTime.UtcNow - started).TotalSeconds, rss, committed, threads, osThreads, openFiles, database));
            await Task.Delay(1000);
        }
    }

    /// <summary>
    /// Median RSS from <paramref name="from"/> to <paramref name="to"/> seconds. A single sample swings by
    /// ±15 % with the pixel buffers of the images in flight; the median of half a minute does not.
    /// </summary>
    public double MedianBetween(double from, double to) => MedianBetween(from, to, s => s.Rss);

    /// <summary>Median of any sampled figure from <paramref name="from"/> to <paramref name="to"/> seconds.</summary>
    public double MedianBetween(double from, double to, Func<Sample, long> figure)
    {
        lock (_samples)
        {
            var window = _samples.Where(s => s.Seconds >= from && s.Seconds <= to).Select(s => (double)figure(s)).Order().ToList();
            return window.Count == 0 ? double.NaN : window[window.Count / 2];
        }
    }

    /// <summary>Least-squares slope of RSS after <paramref name="from"/> seconds, in bytes per minute: a leak shows as a steady rise.</summary>
    public double SlopePerMinute(double from)
    {
        lock (_samples)
        {
            var points = _samples.Where(s => s.Seconds >= from).Select(s => (X: s.Seconds / 60, Y: (double)s.Rss)).ToList();
            if (points.Count < 2) return double.NaN;
            var (mx, my) = (points.Average(p => p.X), points.Average(p => p.Y));
            return points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
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
