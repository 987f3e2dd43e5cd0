using System.Globalization;
using System.Text;
using Pictor.Bench.Measuring;
using Pictor.Bench.Running;

namespace Pictor.Bench.Reporting;

/// <summary>The results as markdown: the targets, then one table per workload.</summary>
public static class ResultsTable
{
    public static string Render(ResultSet results, RunEnvironment environment, RunSettings settings)
    {
        var s = new StringBuilder();
        s.AppendLine("# Pictor benchmark results");
        s.AppendLine();
        s.AppendLine(Invariant($"Written by `bench/run.sh` on {environment.Started:yyyy-MM-dd HH:mm} UTC; do not edit by hand. ")
            + Invariant($"Machine: {environment.Cpu}, {environment.Cores} cores, shared with other work ")
            + Invariant($"(load average {environment.LoadBefore} before, {environment.LoadAfter} after)."));
        s.AppendLine();
        foreach (var (name, version) in environment.Versions) s.AppendLine($"- {name}: {version}");
        if (settings.PictorEnvironment.Count > 0)
            s.AppendLine($"- Pictor ran with extra settings: {string.Join(", ", settings.PictorEnvironment.Select(kv => $"`{kv.Key}={kv.Value}`"))}");
        s.AppendLine();
        s.AppendLine(Invariant($"Each figure is the median of {settings.Rounds} round(s); within a round the contenders of a workload ran back to back ")
            + Invariant($"({settings.Seconds} s each, AVIF output {settings.AvifSeconds} s, cached hits {settings.HitSeconds} s), the order rotating from round to round; ")
            + "the overload ran once, after the rounds, since it leaves a server's memory high. "
            + "A ratio is the median of the per-round ratios, so a change in the machine's load between rounds cancels out. "
            + "CPU and peak RSS are the server process's (with its children), from /proc; the NetVips loop measures itself.");
        s.AppendLine();
        s.AppendLine("![throughput and memory](chart.png)");
        s.AppendLine();
        s.Append(Summary(results));
        s.AppendLine();
        s.AppendLine("## Targets");
        s.AppendLine();
        s.Append(Targets.Evaluate(results).Render());
        foreach (var workload in results.Workloads)
        {
            s.AppendLine();
            s.AppendLine($"## {workload.Title}");
            s.AppendLine();
            s.AppendLine($"{workload.Description}.");
            s.AppendLine();
            Table(s, results, workload);
        }
        return s.ToString();
    }

    /// <summary>One line per workload: each contender's median (req/s, or peak RSS for the memory loads) and Pictor's ratios.</summary>
    public static string Summary(ResultSet results)
    {
        var s = new StringBuilder();
        s.AppendLine("| workload | Pictor | ipx | nginx | NetVips loop | Pictor ÷ ipx | Pictor ÷ limit |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var w in results.Workloads)
        {
            var memory = w.Metric == ChartMetric.PeakRss;
            Func<LoadResult, double> metric = memory ? r => r.PeakRssMb : r => r.PerSecond;
            string Cell(string c) => results.Median(w.Key, c, metric) is { } v ? Invariant($"{v:F0}{(memory ? " MB" : "/s")}") : "—";
            var limit = results.ContendersOf(w.Key).FirstOrDefault(c => c is ContenderNames.Engine or ContenderNames.Nginx);
            s.AppendLine($"| {w.Title} | {Cell(ContenderNames.Pictor)} | {Cell(ContenderNames.Ipx)} | {Cell(ContenderNames.Nginx)} | {Cell(ContenderNames.Engine)} | " +
                $"{Ratio(results.Ratio(w.Key, ContenderNames.Pictor, ContenderNames.Ipx, metric))} | {(limit is null ? "—" : Ratio(results.Ratio(w.Key, ContenderNames.Pictor, limit, metric)))} |");
        }
        return s.ToString();
    }

    private static void Table(StringBuilder s, ResultSet results, Workload workload)
    {
        var contenders = results.ContendersOf(workload.Key).ToList();
        var hasIpx = contenders.Contains(ContenderNames.Ipx);
        var limit = contenders.FirstOrDefault(c => c is ContenderNames.Engine or ContenderNames.Nginx);
        var hasKestrel = contenders.Contains(ContenderNames.Kestrel);
        var overload = workload.Key == "overload";
        s.Append("| contender | req/s | p50 ms | p99 ms | CPU ms/req | peak RSS MB |");
        if (hasIpx) s.Append(" × ipx |");
        if (limit is not null) s.Append($" × {limit} |");
        if (hasKestrel) s.Append($" × {ContenderNames.Kestrel} |");
        s.AppendLine(overload ? " 503 (with Retry-After) | other failures | up after |" : " failures |");
        s.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", 5 + (hasIpx ? 1 : 0) + (limit is null ? 0 : 1) + (hasKestrel ? 1 : 0) + (overload ? 3 : 1))));
        foreach (var c in contenders)
        {
            double M(Func<LoadResult, double> metric) => results.Median(workload.Key, c, metric) ?? 0;
            var runs = results.Runs(workload.Key, c);
            s.Append(Invariant($"| {c} | {M(r => r.PerSecond):F1} | {M(r => r.P50Ms):F1} | {M(r => r.P99Ms):F1} | {M(r => r.CpuMsPerRequest):F2} | {M(r => r.PeakRssMb):F0} |"));
            var rssOrRate = workload.Metric == ChartMetric.PeakRss ? (Func<LoadResult, double>)(r => r.PeakRssKb) : r => r.PerSecond;
            if (hasIpx) s.Append(Invariant($" {Ratio(results.Ratio(workload.Key, c, ContenderNames.Ipx, rssOrRate))} |"));
            if (limit is not null) s.Append(Invariant($" {Ratio(results.Ratio(workload.Key, c, limit, rssOrRate))} |"));
            if (hasKestrel) s.Append(Invariant($" {Ratio(results.Ratio(workload.Key, c, ContenderNames.Kestrel, rssOrRate))} |"));
            s.AppendLine(overload
                ? Invariant($" {runs.Sum(r => r.Busy)} ({runs.Sum(r => r.RetryAfter)}) | {runs.Sum(r => r.Failures - r.Busy)} | {(runs.All(r => r.Up) ? "yes" : "**no**")} |")
                : Invariant($" {runs.Sum(r => r.Failures)}{(runs.All(r => r.Up) ? "" : ", **went down**")} |"));
        }
        if (workload.Metric == ChartMetric.PeakRss && (hasIpx || limit is not null)) s.AppendLine().AppendLine("Ratios in this table compare peak RSS.");
    }

    private static string Ratio(double? r) => r is { } x ? x.ToString("F2", CultureInfo.InvariantCulture) : "—";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
