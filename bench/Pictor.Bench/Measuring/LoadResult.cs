using System.Globalization;

namespace Pictor.Bench.Measuring;

/// <summary>One contender under one load for one round.</summary>
/// <param name="Failures">Socket errors, timeouts and responses with a status of 400 or more.</param>
/// <param name="Busy">503 responses; <paramref name="RetryAfter"/> of them carried Retry-After.</param>
/// <param name="Up">The server still answered its health check after the load.</param>
public sealed record LoadResult(
    long Requests, double Seconds, double P50Ms, double P99Ms, long Failures, double CpuSeconds, long PeakRssKb,
    long Busy = 0, long RetryAfter = 0, bool Up = true)
{
    public double PerSecond => Seconds > 0 ? Requests / Seconds : 0;

    public double CpuMsPerRequest => Requests > 0 ? CpuSeconds * 1000 / Requests : 0;

    public double PeakRssMb => PeakRssKb / 1024.0;

    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"RESULT requests={Requests} seconds={Seconds:F3} p50_ms={P50Ms:F2} p99_ms={P99Ms:F2} failures={Failures} cpu_s={CpuSeconds:F2} peak_rss_kb={PeakRssKb}");

    /// <summary>Reads the <c>RESULT key=value …</c> line printed by the engine loop or a wrk script.</summary>
    public static LoadResult? FromOutput(string output)
    {
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (line is null) return null;
        var v = line[7..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
        double Get(string key) => v.TryGetValue(key, out var x) ? x : 0;
        return new LoadResult((long)Get("requests"), Get("seconds"), Get("p50_ms"), Get("p99_ms"), (long)Get("failures"),
            Get("cpu_s"), (long)Get("peak_rss_kb"), (long)Get("busy"), (long)Get("retry_after"));
    }
}
