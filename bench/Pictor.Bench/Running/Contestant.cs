using Pictor.Bench.Measuring;

namespace Pictor.Bench.Running;

/// <summary>A contender's part in one workload: prepares (unmeasured), then runs the measured load.</summary>
public sealed record Contestant(string Name, Func<Task<LoadResult>> Run);
