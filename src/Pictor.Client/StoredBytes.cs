namespace Pictor.Client;

/// <summary>Bytes stored for one original: its own, its ready derived images', and both.</summary>
/// <param name="Original">The original as uploaded.</param>
/// <param name="Derived">All its ready derived images.</param>
/// <param name="Total">Both.</param>
public sealed record StoredBytes(long Original, long Derived, long Total);
