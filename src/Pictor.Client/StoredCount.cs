namespace Pictor.Client;

/// <summary>How many objects of one kind are stored, and their bytes.</summary>
/// <param name="Count">Objects.</param>
/// <param name="Bytes">Their bytes.</param>
public sealed record StoredCount(long Count, long Bytes);
