using System.Globalization;
using Pictor.Tests.Infrastructure;

namespace Pictor.Soak;

/// <summary>Command line: <c>--minutes 3 --warmup 45 --concurrency 32</c>.</summary>
public sealed record SoakOptions(double Minutes, int WarmupSeconds, int Concurrency, string RepositoryRoot)
{
    public TimeSpan Duration => TimeSpan.FromMinutes(Minutes);

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
