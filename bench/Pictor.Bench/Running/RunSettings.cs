namespace Pictor.Bench.Running;

/// <summary>How long and how often: a full run (3 rounds) or <c>--quick</c> (1 short round, to check the setup).</summary>
public sealed record RunSettings(int Rounds, int Seconds, int HitSeconds, IReadOnlySet<string>? Only, string? Corpus)
{
    public static RunSettings From(Options o)
    {
        var quick = o.Flag("quick");
        return new RunSettings(
            (int)o.Number("rounds", quick ? 1 : 3),
            (int)o.Number("seconds", quick ? 3 : 8),
            (int)o.Number("hit-seconds", quick ? 2 : 5),
            o.Value("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(),
            o.Value("corpus"));
    }

    public bool Includes(string workload) => Only is null || Only.Any(workload.StartsWith);
}
