namespace Pictor.Metadata;

/// <summary>What is stored, by kind (<c>GET /stats</c>, <c>/metrics</c>). Derived images count once ready.</summary>
public sealed record StorageTotals(StoredKind Originals, StoredKind Derived)
{
    public long TotalBytes => Originals.Bytes + Derived.Bytes;
}

/// <summary>How many objects of one kind are stored, and their bytes.</summary>
public sealed record StoredKind(long Count, long Bytes);
