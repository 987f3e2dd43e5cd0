namespace Pictor.Bench.Running;

/// <summary>One load, put on each contestant in turn every round.</summary>
/// <param name="Key">Short name, used in logs and as the chart's panel key.</param>
/// <param name="Metric">What the chart shows for this load.</param>
/// <param name="AfterRounds">Run once, after all the rounds: an overload leaves a server's memory high, which
/// would spoil the memory figures of the rounds after it.</param>
public sealed record Workload(string Key, string Title, string Description, int Connections, ChartMetric Metric, IReadOnlyList<Contestant> Contestants, bool AfterRounds = false);
