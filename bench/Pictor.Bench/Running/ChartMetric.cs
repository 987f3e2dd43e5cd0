namespace Pictor.Bench.Running;

/// <summary>What a workload's chart panel shows.</summary>
public enum ChartMetric
{
    Throughput,
    PeakRss,
}
