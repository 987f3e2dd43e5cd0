namespace Pictor.Bench.Running;

/// <summary>How long and how often: a full run (3 rounds) or <c>--quick</c> (1 short round, to check the setup).</summary>
/// <param name="PictorEnvironment">Extra environment for Pictor (<c>--pictor-env KEY=VALUE,…</c>), to try a setting; the results say so.</param>
public sealed record RunSettings(int Rounds, int Seconds, int HitSeconds, IReadOnlySet<string>? Only, string? Corpus, IReadOnlyDictionary<string, string> PictorEnvironment)
{
    public static RunSettings From(Options o)
    {
        var quick = o.Flag("quick");
        return new RunSettings(
            (int)o.Number("rounds", quick ? 1 : 3),
            (int)o.Number("seconds", quick ? 3 : 8),
            (int)o.Number("hit-seconds", quick ? 2 : 5),
            o.Value("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(),
            o.Value("corpus"),
            (o.Value("pictor-env") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : ""));
    }

    /// <summary>
    /// The window for AVIF output (and <c>auto</c>, which answers AVIF): three times the others. An AVIF derive
    /// costs 1–3 s of CPU here, so an 8 s window completes only 4–7 requests per contender and a throughput
    /// ratio becomes a ratio of small whole numbers (a full run gave 6 ÷ 4 = 1.50 in all three rounds), with
    /// the derives still running when wrk stops counted in the CPU of too few requests. 24 s gave 1.37 and 1.31.
    /// </summary>
    public int AvifSeconds => Seconds * 3;

    public bool Includes(string workload) => Only is null || Only.Any(workload.StartsWith);
}
