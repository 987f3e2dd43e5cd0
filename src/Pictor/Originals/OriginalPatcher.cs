using Microsoft.EntityFrameworkCore;
using Pictor.Consistency;
using Pictor.Images;
using Pictor.Metadata;
using Pictor.Observability;
using Pictor.Problems;

namespace Pictor.Originals;

/// <summary>
/// Changes what is recorded about an original without touching its bytes. Setting or clearing the focal point
/// removes, in the same transaction, exactly the derived images whose crop followed it (ready ones and those
/// being generated: a generation under way then loses its lease and starts over with the new point).
/// </summary>
public sealed class OriginalPatcher(IDbContextFactory<PictorDbContext> dbs, BlobJournal journal, PictorMetrics metrics)
{
    public sealed record Patched(OriginalRecord Record, int DerivedRemoved);

    public async Task<Patched> SetFocusAsync(ImageId id, FocalPoint? focus, CancellationToken cancellationToken)
    {
        List<Metadata.BlobJournalEntry> released;
        OriginalRecord original;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            original = await db.Originals.FirstOrDefaultAsync(o => o.Id == id.Value, cancellationToken)
                ?? throw ProblemException.NotFound($"There is no original with the ID '{id}'.");
            if (FocalPoint.FromRecord(original.FocusX, original.FocusY) == focus) return new Patched(original, 0);

            original.FocusX = focus?.X;
            original.FocusY = focus?.Y;
            var dependent = db.Derived.Where(d => d.OriginalId == id.Value && d.DependsOnFocus);
            var keys = await dependent.Select(d => d.StorageKey).ToListAsync(cancellationToken);
            await dependent.ExecuteDeleteAsync(cancellationToken);
            released = journal.AddDueNow(db, keys);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        await journal.CarryOutAsync(released, CancellationToken.None);
        metrics.DerivedInvalidated(released.Count);
        return new Patched(original, released.Count);
    }
}
