using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictor.Caching;
using Pictor.Configuration;
using Pictor.Consistency;
using Pictor.Images;
using Pictor.Imaging;
using Pictor.Metadata;
using Pictor.Observability;
using Pictor.Problems;
using Pictor.Storage;
using Pictor.Webhooks;

namespace Pictor.Originals;

/// <summary>
/// Stores, replaces and deletes originals. An upload is: inspect (and make the levels) → journal the new blobs → write them →
/// commit the record (which claims the blob and journals whatever it replaces) → delete what was replaced.
/// A crash anywhere leaves either the old state or the new one, and the journal removes the leftovers.
/// </summary>
public sealed class OriginalService(
    IDbContextFactory<PictorDbContext> dbs,
    IBlobStore blobs,
    BlobJournal journal,
    ImageInspector inspector,
    ImagingGate gate,
    PictorMetrics metrics,
    TimeProvider clock,
    IOptions<ConsistencyOptions> consistency,
    WebhookOutbox outbox,
    HitCache hits)
{
    /// <summary>POSTs of one ID in this process, one at a time (see <see cref="StoreAsync"/>).</summary>
    private readonly KeyedLock _creating = new();

    public sealed record Stored(OriginalRecord Record, bool Created);

    /// <summary>Stores the uploaded file (consumed) under <paramref name="id"/>. 409 if it exists and <paramref name="replace"/> is false.</summary>
    /// <param name="createdAt">When the original was first stored, if before now (an import keeps the time of the service it came from); also its <c>Last-Modified</c>.</param>
    public async Task<Stored> StoreAsync(ImageId id, string uploadedFile, bool replace, CancellationToken cancellationToken, DateTime? createdAt = null)
    {
        if (replace) return await StoreCheckedAsync(id, uploadedFile, replace, createdAt, cancellationToken);

        // Creations of one ID wait for each other, so that of N concurrent POSTs one decodes and commits and the
        // others answer 409 from the database without a decode of their own (pymager's clients stress exactly
        // that: 500 POSTs, one 201). Across instances the primary key still decides.
        using var _ = await _creating.EnterAsync(id.Value, cancellationToken);
        if (await ExistsAsync(id, cancellationToken)) throw AlreadyExists(id);
        return await StoreCheckedAsync(id, uploadedFile, replace, createdAt, cancellationToken);
    }

    private async Task<Stored> StoreCheckedAsync(ImageId id, string uploadedFile, bool replace, DateTime? createdAt, CancellationToken cancellationToken)
    {
        var (info, levels) = await InspectAsync(uploadedFile, cancellationToken);
        var (sha256, bytes) = await FileHash.Sha256Async(uploadedFile, cancellationToken);
        if (!replace && await ExistsAsync(id, cancellationToken)) throw AlreadyExists(id);

        var generation = BlobKeys.NewToken();
        var key = BlobKeys.Original(id, generation);
        var levelKeys = levels.Select(l => BlobKeys.Level(key, l.Size.LongSide)).ToList();
        var lease = TimeSpan.FromSeconds(consistency.Value.UploadLeaseSeconds);
        var journalIds = await journal.AddAsync(levelKeys.Prepend(key), lease, cancellationToken);
        var entries = journalIds.Zip(levelKeys.Prepend(key), (j, k) => new BlobJournalEntry { Id = j, StorageKey = k }).ToList();
        try
        {
            await Task.WhenAll(levels.Select((l, i) => blobs.PutBytesAsync(levelKeys[i], l.Bytes, durably: true, cancellationToken))
                .Append(blobs.PutFileAsync(key, uploadedFile, cancellationToken)));

            var now = createdAt?.ToUniversalTime() ?? clock.GetUtcNow().UtcDateTime;
            var record = new OriginalRecord
            {
                Id = id.Value, Generation = generation, StorageKey = key, Format = info.Format.Name(),
                Width = info.Width, Height = info.Height, Frames = info.Frames, HasAlpha = info.HasAlpha, Bytes = bytes, Sha256 = sha256,
                Placeholder = info.Placeholder?.ThumbHash, DominantColor = info.Placeholder?.DominantColor,
                CreatedAt = now, UpdatedAt = now,
            };
            var (created, released) = await CommitAsync(record, journalIds, replace, cancellationToken);
            if (!created) hits.Invalidate(id.Value);
            outbox.Wake();
            await journal.CarryOutAsync(released, CancellationToken.None);
            metrics.Uploaded();
            return new Stored(record, created);
        }
        catch (ProblemException)
        {
            await journal.CarryOutAsync(entries, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Deletes the original and every derived image of it. False when there is none.</summary>
    public async Task<bool> DeleteAsync(ImageId id, CancellationToken cancellationToken)
    {
        List<BlobJournalEntry> released;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var original = await db.FindForUpdateAsync(id.Value, cancellationToken);
            if (original is null) return false;
            var derived = await db.Derived.Where(d => d.OriginalId == id.Value).Select(d => new { d.StorageKey, d.Variant }).ToListAsync(cancellationToken);
            await db.Derived.Where(d => d.OriginalId == id.Value).ExecuteDeleteAsync(cancellationToken);
            db.Originals.Remove(original);
            released = journal.AddDueNow(db, derived.Select(d => d.StorageKey).Concat(OriginalLevels.BlobKeysOf(original)));
            if (derived.Count > 0) await db.CountDerivedChangeAsync(cancellationToken);
            outbox.Add(db, WebhookEvents.OriginalDeleted, id.Value,
                [WebhookOutbox.OriginalPath(id.Value), .. WebhookOutbox.DerivedPaths(id.Value, derived.Select(d => d.Variant))]);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        hits.Invalidate(id.Value);
        outbox.Wake();
        await journal.CarryOutAsync(released, CancellationToken.None);
        return true;
    }

    private async Task<Inspection> InspectAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            using var slot = await gate.EnterAsync(cancellationToken);
            return await slot.RunAsync(() => inspector.InspectWithLevels(file));
        }
        catch (ProblemException e) when (e.Status is >= 400 and < 500 and not 503)
        {
            metrics.UploadRefused();
            throw;
        }
    }

    private async Task<bool> ExistsAsync(ImageId id, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Originals.AnyAsync(o => o.Id == id.Value, cancellationToken);
    }

    /// <summary>
    /// The commit point. Claims the new blobs (the original and its levels) by removing their journal entries;
    /// if one is gone the upload outlived its lease and the sweeper may have deleted the blob, so the upload fails.
    /// </summary>
    private async Task<(bool Created, List<BlobJournalEntry> Released)> CommitAsync(
        OriginalRecord record, IReadOnlyCollection<long> journalIds, bool replace, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await journal.ClaimAllAsync(db, journalIds, cancellationToken))
                throw ProblemException.Busy("The upload took longer than its lease (Pictor:Consistency:UploadLeaseSeconds); send it again.");

            var existing = await db.FindForUpdateAsync(record.Id, cancellationToken);
            List<BlobJournalEntry> released = [];
            if (existing is null)
            {
                db.Originals.Add(record);
                outbox.Add(db, WebhookEvents.OriginalCreated, record.Id, []);
            }
            else
            {
                if (!replace) throw AlreadyExists(ImageId.Parse(record.Id));
                record.CreatedAt = existing.CreatedAt;
                var derived = await db.Derived.Where(d => d.OriginalId == record.Id).Select(d => new { d.StorageKey, d.Variant }).ToListAsync(cancellationToken);
                await db.Derived.Where(d => d.OriginalId == record.Id).ExecuteDeleteAsync(cancellationToken);
                // Optimistic: if another replace committed since we read, start over and release its blob instead.
                var updated = await db.Originals
                    .Where(o => o.Id == record.Id && o.Generation == existing.Generation)
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(o => o.Generation, record.Generation)
                        .SetProperty(o => o.StorageKey, record.StorageKey)
                        .SetProperty(o => o.Format, record.Format)
                        .SetProperty(o => o.Width, record.Width)
                        .SetProperty(o => o.Height, record.Height)
                        .SetProperty(o => o.Frames, record.Frames)
                        .SetProperty(o => o.HasAlpha, record.HasAlpha)
                        .SetProperty(o => o.Bytes, record.Bytes)
                        .SetProperty(o => o.Sha256, record.Sha256)
                        .SetProperty(o => o.Placeholder, record.Placeholder)
                        .SetProperty(o => o.DominantColor, record.DominantColor)
                        .SetProperty(o => o.UndecodableAt, (DateTime?)null) // new bytes: whatever failed to decode is gone
                        .SetProperty(o => o.UndecodableReason, (string?)null)
                        .SetProperty(o => o.UpdatedAt, record.UpdatedAt), cancellationToken);
                if (updated == 0 && attempt < 5) continue;
                if (updated == 0) throw ProblemException.Conflict($"The original '{record.Id}' is being replaced by another request; try again.");
                released = journal.AddDueNow(db, derived.Select(d => d.StorageKey).Concat(OriginalLevels.BlobKeysOf(existing)));
                if (derived.Count > 0) await db.CountDerivedChangeAsync(cancellationToken);
                outbox.Add(db, WebhookEvents.OriginalReplaced, record.Id,
                    [WebhookOutbox.OriginalPath(record.Id), .. WebhookOutbox.DerivedPaths(record.Id, derived.Select(d => d.Variant))]);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
                return (existing is null, released);
            }
            catch (DbUpdateException e) when (DbErrors.IsConflict(e) && existing is null)
            {
                // Another upload of the same ID committed first.
                if (!replace || attempt >= 5) throw AlreadyExists(ImageId.Parse(record.Id));
            }
        }
    }

    private static ProblemException AlreadyExists(ImageId id) =>
        ProblemException.Conflict($"An original with the ID '{id}' already exists; DELETE it first, or PUT to replace it.");
}
