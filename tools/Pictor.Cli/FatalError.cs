namespace Pictor.Cli;

/// <summary>What stopped a run: the service unreachable, or the key refused.</summary>
public sealed record FatalError(Exception Exception);
