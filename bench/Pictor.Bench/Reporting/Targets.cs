using System.Globalization;
using System.Text;
using Pictor.Bench.Measuring;
using Pictor.Bench.Running;

namespace Pictor.Bench.Reporting;

/// <summary>The performance targets, checked against a run's per-round ratios.</summary>
public sealed class Targets(IReadOnlyList<Target> items)
{
    // Issue 15's targets (before it: 1.25 and 0.75).
    public const double ColdVsIpx = 1.5;
    public const double ColdVsEngine = 0.9;
    public const double SrcsetVsIpx = 2.0;
    public const double UploadVsEngine = 0.8;
    public const double HitVsNginx = 0.5;
    public const double RevalidateVsNginx = 0.7;
    public const double HitVsKestrel = 0.9;

    /// <summary>"Memory stays bounded": overload may cost at most this much more than the ordinary cold load.</summary>
    public const double OverloadRssVsMemory = 1.5;

    public IReadOnlyList<Target> Items { get; } = items;

    public static Targets Evaluate(ResultSet results)
    {
        var items = new List<Target>();
        static double Rps(LoadResult r) => r.PerSecond;
        static double Rss(LoadResult r) => r.PeakRssKb;
        const string P = ContenderNames.Pictor;

        foreach (var w in results.Workloads.Where(w => w.Key.StartsWith("cold-", StringComparison.Ordinal)))
        {
            items.Add(AtLeast($"{w.Title}: Pictor ÷ ipx throughput", ColdVsIpx, results, w.Key, ContenderNames.Ipx, Rps));
            items.Add(AtLeast($"{w.Title}: Pictor ÷ NetVips loop throughput", ColdVsEngine, results, w.Key, ContenderNames.Engine, Rps));
            // Not a target: on a machine that both saturate, throughput follows CPU per request, whoever gets more of a shared machine.
            items.Add(new Target($"{w.Title}: ipx ÷ Pictor server CPU per request (for reading the above)", "—",
                Format(results.Ratio(w.Key, ContenderNames.Ipx, P, r => r.CpuMsPerRequest), ""), null));
        }
        if (results.Workloads.Any(w => w.Key == "srcset"))
        {
            items.Add(AtLeast("Srcset burst: Pictor ÷ ipx throughput", SrcsetVsIpx, results, "srcset", ContenderNames.Ipx, Rps));
            items.Add(AtLeast("Srcset burst: Pictor ÷ NetVips loop throughput (the loop derives from the original)", ColdVsEngine, results, "srcset", ContenderNames.Engine, Rps));
        }
        if (results.Workloads.Any(w => w.Key == "upload"))
            items.Add(AtLeast("Upload with levels: Pictor ÷ NetVips loop throughput", UploadVsEngine, results, "upload", ContenderNames.Engine, Rps));
        foreach (var w in results.Workloads.Where(w => w.Key is "hit" or "revalidate"))
        {
            items.Add(AtLeast($"{w.Title}: Pictor ÷ nginx throughput", w.Key == "hit" ? HitVsNginx : RevalidateVsNginx, results, w.Key, ContenderNames.Nginx, Rps));
            items.Add(AtLeast($"{w.Title}: Pictor ÷ bare Kestrel throughput", HitVsKestrel, results, w.Key, ContenderNames.Kestrel, Rps));
            items.Add(new Target($"{w.Title}: bare Kestrel ÷ Pictor server CPU per request (for reading the above)", "—",
                Format(results.Ratio(w.Key, ContenderNames.Kestrel, P, r => r.CpuMsPerRequest), ""), null));
        }

        if (results.Workloads.Any(w => w.Key == "memory"))
        {
            var (ratio, rounds) = VersusPictor(results, "memory", ContenderNames.Ipx, Rss);
            items.Add(new Target("Peak RSS, cold derive 12 MP at 8 connections: Pictor ÷ ipx", "≤ 0.75", Format(ratio,
                $" ({results.Median("memory", P, Rss) / 1024:F0} MB vs {results.Median("memory", ContenderNames.Ipx, Rss) / 1024:F0} MB){rounds}"), ratio is null ? null : ratio <= 0.75));
        }
        if (results.Workloads.Any(w => w.Key == "overload"))
            items.Add(Overload(results));
        return new Targets(items);
    }

    /// <summary>Stays up, sheds load only with 503 + Retry-After, and its peak RSS stays near the ordinary load's.</summary>
    private static Target Overload(ResultSet results)
    {
        var runs = results.Runs("overload", ContenderNames.Pictor);
        var up = runs.All(r => r.Up);
        var busy = runs.Sum(r => r.Busy);
        var withRetryAfter = runs.Sum(r => r.RetryAfter);
        var other = runs.Sum(r => r.Failures - r.Busy);
        var peak = results.Median("overload", ContenderNames.Pictor, r => r.PeakRssKb) ?? 0;
        var ordinary = results.Median("memory", ContenderNames.Pictor, r => r.PeakRssKb);
        var bounded = ordinary is null || peak <= ordinary * OverloadRssVsMemory;
        var measured = string.Create(CultureInfo.InvariantCulture,
            $"{(up ? "stayed up" : "WENT DOWN")}; {busy} × 503, {withRetryAfter} with Retry-After; {other} other failures; peak RSS {peak / 1024:F0} MB{(ordinary is null ? "" : $" (8 connections: {ordinary / 1024:F0} MB)")}");
        return new Target($"Overload, {WorkloadPlan.OverloadConnections} connections on 12 MP cold derives",
            $"stays up; excess gets 503 + Retry-After; peak RSS ≤ {OverloadRssVsMemory:F1}× the 8-connection peak", measured,
            up && withRetryAfter == busy && other == 0 && bounded);
    }

    /// <summary>Pictor ÷ <paramref name="other"/> (median of the rounds) against the goal, with each round's ratio beside it.</summary>
    private static Target AtLeast(string what, double goal, ResultSet results, string workload, string other, Func<LoadResult, double> metric)
    {
        var (ratio, rounds) = VersusPictor(results, workload, other, metric);
        return new(what, string.Create(CultureInfo.InvariantCulture, $"≥ {goal:F2}"), Format(ratio, rounds), ratio is null ? null : ratio >= goal);
    }

    /// <summary>The median of the per-round ratios Pictor ÷ <paramref name="other"/>, and " (rounds 1.04, 1.19, 1.08)" when there was more than one round.</summary>
    private static (double? Median, string Rounds) VersusPictor(ResultSet results, string workload, string other, Func<LoadResult, double> metric)
    {
        var ratios = results.RoundRatios(workload, ContenderNames.Pictor, other, metric);
        var median = ratios.Count == 0 ? (double?)null : ResultSet.MedianOf(ratios);
        var rounds = ratios.Count < 2 ? "" : " (rounds " + string.Join(", ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture))) + ")";
        return (median, rounds);
    }

    private static string Format(double? ratio, string detail) =>
        ratio is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r:F2}{detail}") : "not measured";

    public string Render()
    {
        var s = new StringBuilder();
        s.AppendLine("| target | goal | measured | met |");
        s.AppendLine("|---|---|---|---|");
        foreach (var t in Items)
            s.AppendLine($"| {t.What} | {t.Goal} | {t.Measured} | {(t.Met switch { true => "yes", false => "**no**", null => "—" })} |");
        return s.ToString();
    }
}
