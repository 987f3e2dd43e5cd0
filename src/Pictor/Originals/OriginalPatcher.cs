using Microsoft.EntityFrameworkCore;
using Pictor.Caching;
using Pictor.Consistency;
using Pictor.Images;
using Pictor.Metadata;
using Pictor.Observability;
using Pictor.Problems;
using Pictor.Webhooks;

namespace Pictor.Originals;

/// <summary>
/// Changes what is recorded about an original without touching its bytes: its focal point, tags and attributes
/// (one patch, one transaction), and which derived images of it exist. Setting or clearing the focal point
/// removes, in the same transaction, exactly the derived images whose crop followed it; a purge removes all of
/// them (ready ones and those being generated: a generation under way then loses its lease and starts over).
/// </summary>
public sealed class OriginalPatcher(IDbContextFactory<PictorDbContext> dbs, BlobJournal journal, PictorMetrics metrics, WebhookOutbox outbox, HitCache hits)
{
    /// <summary>Applies every member of a patch, or none of them (400 when the merged attributes exceed the bound).</summary>
    public async Task ApplyAsync(ImageId id, bool setsFocus, FocalPoint? focus, IReadOnlyList<string>? tags, AttributesPatch? attributes, CancellationToken cancellationToken)
    {
        List<BlobJournalEntry> released = [];
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var original = await db.FindForUpdateAsync(id.Value, cancellationToken)
                ?? throw ProblemException.NotFound($"There is no original with the ID '{id}'.");
            List<string> purge = [];
            if (setsFocus && FocalPoint.FromRecord(original.FocusX, original.FocusY) != focus)
            {
                original.FocusX = focus?.X;
                original.FocusY = focus?.Y;
                (released, purge) = await RemoveDerivedAsync(db, id, db.Derived.Where(d => d.OriginalId == id.Value && d.DependsOnFocus), cancellationToken);
            }
            if (tags is not null) await SetTagsAsync(db, id, tags, cancellationToken);
            if (attributes is not null) await MergeAttributesAsync(db, id, attributes, cancellationToken);
            outbox.Add(db, WebhookEvents.OriginalUpdated, id.Value, purge);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (DbErrors.IsConflict(e))
            {
                throw ProblemException.Conflict($"The original '{id}' was changed by another request at the same time; send the patch again.");
            }
            await tx.CommitAsync(cancellationToken);
        }
        if (released.Count > 0) hits.Invalidate(id.Value);
        outbox.Wake();
        await journal.CarryOutAsync(released, CancellationToken.None);
        metrics.DerivedInvalidated(released.Count);
    }

    /// <summary>Removes every derived image of the original, records and blobs. False when there is no such original.</summary>
    public async Task<bool> PurgeDerivedAsync(ImageId id, CancellationToken cancellationToken)
    {
        List<BlobJournalEntry> released;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await db.Originals.AnyAsync(o => o.Id == id.Value, cancellationToken)) return false;
            (released, var purge) = await RemoveDerivedAsync(db, id, db.Derived.Where(d => d.OriginalId == id.Value), cancellationToken);
            outbox.Add(db, WebhookEvents.DerivedPurged, id.Value, purge);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        hits.Invalidate(id.Value);
        outbox.Wake();
        await journal.CarryOutAsync(released, CancellationToken.None);
        metrics.DerivedPurged(released.Count);
        return true;
    }

    /// <summary>Deletes the rows, journals their blobs (due now) and counts the change, in the caller's transaction; also returns the paths a CDN must purge.</summary>
    private async Task<(List<BlobJournalEntry> Released, List<string> Paths)> RemoveDerivedAsync(
        PictorDbContext db, ImageId id, IQueryable<DerivedRecord> derived, CancellationToken cancellationToken)
    {
        var removed = await derived.Select(d => new { d.StorageKey, d.Variant }).ToListAsync(cancellationToken);
        await derived.ExecuteDeleteAsync(cancellationToken);
        if (removed.Count > 0) await db.CountDerivedChangeAsync(cancellationToken);
        return (journal.AddDueNow(db, removed.Select(d => d.StorageKey)), WebhookOutbox.DerivedPaths(id.Value, removed.Select(d => d.Variant)).ToList());
    }

    private static async Task SetTagsAsync(PictorDbContext db, ImageId id, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var existing = await db.Tags.Where(t => t.OriginalId == id.Value).ToListAsync(cancellationToken);
        db.Tags.RemoveRange(existing.Where(t => !tags.Contains(t.Tag, StringComparer.Ordinal)));
        db.Tags.AddRange(tags.Where(tag => !existing.Any(t => t.Tag == tag)).Select(tag => new OriginalTag { OriginalId = id.Value, Tag = tag }));
    }

    private static async Task MergeAttributesAsync(PictorDbContext db, ImageId id, AttributesPatch patch, CancellationToken cancellationToken)
    {
        var existing = (await db.Attributes.Where(a => a.OriginalId == id.Value).ToListAsync(cancellationToken)).ToDictionary(a => a.Key, StringComparer.Ordinal);
        if (patch.ClearFirst)
        {
            db.Attributes.RemoveRange(existing.Values);
            existing.Clear();
        }
        foreach (var (key, value) in patch.Changes)
        {
            var row = existing.GetValueOrDefault(key);
            if (value is null)
            {
                if (row is not null) db.Attributes.Remove(row);
                existing.Remove(key);
            }
            else if (row is not null) row.Value = value;
            else existing[key] = db.Attributes.Add(new OriginalAttribute { OriginalId = id.Value, Key = key, Value = value }).Entity;
        }
        if (existing.Count > CatalogueBounds.MaxAttributes)
            throw ProblemException.BadRequest("invalid-attributes",
                $"An original has at most {CatalogueBounds.MaxAttributes} attributes; merging this patch would give it {existing.Count}. Remove some with null values.");
    }
}
