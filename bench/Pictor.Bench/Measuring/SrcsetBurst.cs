using System.Diagnostics;

namespace Pictor.Bench.Measuring;

/// <summary>
/// The requests a page makes for one new photo: a srcset of 6 widths (never enlarged) in 2 formats, all at
/// once over <see cref="Connections"/> connections, as a browser's preload scanner and a CDN's fan-out do.
/// Bursts run back to back for the given time; each is prepared first unmeasured (Pictor: the photo is
/// uploaded under a new ID, so nothing is stored yet). Throughput counts the burst's requests over the time
/// inside bursts; p50/p99 are whole-burst times; CPU is the server's inside bursts only.
/// </summary>
public static class SrcsetBurst
{
    public const int Connections = 8;

    public static readonly IReadOnlyList<(int Width, string Format)> Requests =
        [.. new[] { 320, 480, 640, 800, 1024, 1280 }.SelectMany(w => new[] { (w, "webp"), (w, "avif") })];

    /// <param name="prepare">Unmeasured, before each burst; returns the burst's paths.</param>
    public static async Task<LoadResult> RunAsync(int serverPid, string baseUrl, int seconds, Func<Task<IReadOnlyList<string>>> prepare)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        ProcessStats.ResetPeak(serverPid);
        var bursts = new List<double>();
        long requests = 0, failures = 0;
        double cpu = 0, inside = 0;
        while (bursts.Count == 0 || inside < seconds)
        {
            var paths = await prepare();
            var cpuBefore = ProcessStats.CpuSeconds(serverPid);
            var started = Stopwatch.GetTimestamp();
            var statuses = await Task.WhenAll(paths.Select(async path =>
            {
                try
                {
                    using var response = await http.GetAsync(path);
                    await response.Content.ReadAsByteArrayAsync();
                    return (int)response.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return 0; // a failure, counted as such
                }
            }));
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            cpu += ProcessStats.CpuSeconds(serverPid) - cpuBefore;
            inside += elapsed;
            bursts.Add(elapsed * 1000);
            requests += paths.Count;
            failures += statuses.Count(s => s is 0 or >= 400);
        }
        bursts.Sort();
        return new LoadResult(requests, inside, Percentile(bursts, 50), Percentile(bursts, 99), failures, cpu, ProcessStats.PeakRssKb(serverPid));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
