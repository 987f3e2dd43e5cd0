using Microsoft.EntityFrameworkCore;

namespace Pictor.Metadata;

/// <summary>What is recorded about originals besides their own row: tags, attributes, stored bytes.</summary>
public static class CatalogueQueries
{
    public static async Task<ILookup<string, string>> TagsOfAsync(this PictorDbContext db, IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        (await db.Tags.AsNoTracking().Where(t => ids.Contains(t.OriginalId)).ToListAsync(cancellationToken))
            .OrderBy(t => t.Tag, StringComparer.Ordinal).ToLookup(t => t.OriginalId, t => t.Tag, StringComparer.Ordinal);

    public static async Task<ILookup<string, OriginalAttribute>> AttributesOfAsync(this PictorDbContext db, IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        (await db.Attributes.AsNoTracking().Where(a => ids.Contains(a.OriginalId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.OriginalId, StringComparer.Ordinal);

    /// <summary>The bytes of the ready derived images of each original (absent: none).</summary>
    public static async Task<Dictionary<string, long>> DerivedBytesOfAsync(this PictorDbContext db, IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        await db.Derived.AsNoTracking()
            .Where(d => ids.Contains(d.OriginalId) && d.State == DerivedState.Ready)
            .GroupBy(d => d.OriginalId)
            .Select(g => new { g.Key, Bytes = g.Sum(d => d.Bytes) })
            .ToDictionaryAsync(g => g.Key, g => g.Bytes, StringComparer.Ordinal, cancellationToken);

    /// <summary>Counted now: two aggregate queries (a scan of each table's rows; no counters to drift).</summary>
    public static async Task<StorageTotals> StorageTotalsAsync(this PictorDbContext db, CancellationToken cancellationToken)
    {
        var originals = await db.Originals.AsNoTracking().GroupBy(_ => 1)
            .Select(g => new StoredKind(g.LongCount(), g.Sum(o => o.Bytes))).FirstOrDefaultAsync(cancellationToken);
        var derived = await db.Derived.AsNoTracking().Where(d => d.State == DerivedState.Ready).GroupBy(_ => 1)
            .Select(g => new StoredKind(g.LongCount(), g.Sum(d => d.Bytes))).FirstOrDefaultAsync(cancellationToken);
        return new StorageTotals(originals ?? new StoredKind(0, 0), derived ?? new StoredKind(0, 0));
    }
}
