using System.Globalization;
using Pictor.Tests.Infrastructure;

namespace Pictor.Soak;

/// <summary>Command line: <c>--minutes 3 --warmup 45 --concurrency 32</c>.</summary>
public sealed record SoakOptions(double Minutes, int WarmupSeconds, int Concurrency, string RepositoryRoot)
{
    public TimeSpan Duration => TimeSpan.FromMinutes(Minutes);

    /// <summary>
    /// How long a window the memory figures after the warm-up and at the end are medians of: a quarter of
    /// the measured time, at most two minutes. A single sample swings by ±20 % with the pixel buffers of the
    /// images in flight, and in half a minute a few large originals in a row moved the median by 15 %.
    /// </summary>
    public double WindowSeconds => Math.Min(120, Math.Max(10, (Minutes * 60 - WarmupSeconds) / 4));

    public string CorpusRoot => Environment.GetEnvironmentVariable("PICTOR_CORPUS") is { Length: > 0 } corpus
        ? corpus
        : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"));

    public string ResultsFolder => Path.Combine(RepositoryRoot, "bench", "results");

    public static SoakOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i].TrimStart('-')] = args[i + 1];
        double Number(string name, double fallback) =>
            values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new SoakOptions(Number("minutes", 3), (int)Number("warmup", 45), (int)Number("concurrency", 32), RepoPaths.Root);
    }
}
