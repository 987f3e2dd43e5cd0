namespace Pictor.Cli;

/// <summary>A command line that parsed but does not make sense (exit code 2).</summary>
public sealed class UsageException(string message) : Exception(message);
