namespace Pictor.Client;

/// <summary>What the service stores (<c>GET /stats</c>, a key of any scope).</summary>
/// <param name="Originals">Originals.</param>
/// <param name="Derived">Ready derived images.</param>
/// <param name="TotalBytes">Bytes of both.</param>
public sealed record ServiceStats(StoredCount Originals, StoredCount Derived, long TotalBytes);
