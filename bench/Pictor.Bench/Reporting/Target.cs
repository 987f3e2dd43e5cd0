namespace Pictor.Bench.Reporting;

/// <summary>One goal of issue 4 and how this run measured against it; <see cref="Met"/> is null when not measured.</summary>
public sealed record Target(string What, string Goal, string Measured, bool? Met);
