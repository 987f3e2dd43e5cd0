using Microsoft.EntityFrameworkCore;
using Pictor.Images;
using Pictor.Metadata;
using Pictor.Problems;

namespace Pictor.Api;

/// <summary>Reads <see cref="OriginalMetadata"/>: the original's row with its tags, attributes and stored bytes.</summary>
public static class MetadataReader
{
    /// <summary>One original with the list of its ready derived images; 404 when there is none.</summary>
    public static async Task<OriginalMetadata> ReadAsync(this IDbContextFactory<PictorDbContext> dbs, ImageId id, CancellationToken cancellationToken) =>
        await dbs.TryReadAsync(id, cancellationToken) ?? throw ProblemException.NotFound($"There is no original with the ID '{id}'.");

    /// <summary>One original with the list of its ready derived images; null when there is none.</summary>
    public static async Task<OriginalMetadata?> TryReadAsync(this IDbContextFactory<PictorDbContext> dbs, ImageId id, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var o = await db.Originals.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id.Value, cancellationToken);
        if (o is null) return null;
        var derived = await db.Derived.AsNoTracking()
            .Where(d => d.OriginalId == id.Value && d.State == DerivedState.Ready)
            .OrderBy(d => d.Variant).ToListAsync(cancellationToken);
        string[] ids = [id.Value];
        var tags = await db.TagsOfAsync(ids, cancellationToken);
        var attributes = await db.AttributesOfAsync(ids, cancellationToken);
        return OriginalMetadata.From(o, derived, tags[o.Id], attributes[o.Id], derived.Sum(d => d.Bytes));
    }

    /// <summary>A page of originals (without their derived lists), in the order given.</summary>
    public static async Task<List<OriginalMetadata>> ReadPageAsync(this PictorDbContext db, IReadOnlyList<OriginalRecord> page, CancellationToken cancellationToken)
    {
        if (page.Count == 0) return [];
        var ids = page.Select(o => o.Id).ToList();
        var tags = await db.TagsOfAsync(ids, cancellationToken);
        var attributes = await db.AttributesOfAsync(ids, cancellationToken);
        var derivedBytes = await db.DerivedBytesOfAsync(ids, cancellationToken);
        return page.Select(o => OriginalMetadata.From(o, [], tags[o.Id], attributes[o.Id], derivedBytes.GetValueOrDefault(o.Id))).ToList();
    }
}
