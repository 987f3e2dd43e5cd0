namespace Pictor.Api;

/// <summary>
/// In an original's metadata when a derive found that its stored bytes no longer decode (<c>pictor check</c>
/// reports it too); null otherwise. Replacing the original clears it.
/// </summary>
public sealed record UndecodableMark(DateTime At, string Reason);
