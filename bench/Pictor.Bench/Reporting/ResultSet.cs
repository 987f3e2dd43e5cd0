using Pictor.Bench.Measuring;
using Pictor.Bench.Running;

namespace Pictor.Bench.Reporting;

/// <summary>
/// Every measurement of a run, by workload and contender, in round order. Figures are medians over the
/// rounds; ratios are taken within each round (the two contenders ran back to back) and then the median.
/// </summary>
public sealed class ResultSet(IReadOnlyList<Workload> workloads)
{
    private readonly Dictionary<(string Workload, string Contender), List<LoadResult>> _runs = [];

    public IReadOnlyList<Workload> Workloads { get; } = workloads;

    public void Add(string workload, string contender, LoadResult result)
    {
        if (!_runs.TryGetValue((workload, contender), out var list)) _runs[(workload, contender)] = list = [];
        list.Add(result);
    }

    public IReadOnlyList<LoadResult> Runs(string workload, string contender) =>
        _runs.TryGetValue((workload, contender), out var list) ? list : [];

    public IEnumerable<string> ContendersOf(string workload) =>
        ContenderNames.All.Where(c => Runs(workload, c).Count > 0);

    public double? Median(string workload, string contender, Func<LoadResult, double> metric)
    {
        var runs = Runs(workload, contender);
        return runs.Count == 0 ? null : MedianOf(runs.Select(metric));
    }

    /// <summary>Median over the rounds of metric(a) / metric(b) within each round.</summary>
    public double? Ratio(string workload, string a, string b, Func<LoadResult, double> metric)
    {
        var ratios = RoundRatios(workload, a, b, metric);
        return ratios.Count == 0 ? null : MedianOf(ratios);
    }

    /// <summary>metric(a) / metric(b) within each round, in round order: how far the machine's noise moved the ratio.</summary>
    public IReadOnlyList<double> RoundRatios(string workload, string a, string b, Func<LoadResult, double> metric) =>
        Runs(workload, a).Zip(Runs(workload, b)).Where(p => metric(p.Second) > 0).Select(p => metric(p.First) / metric(p.Second)).ToList();

    public static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
