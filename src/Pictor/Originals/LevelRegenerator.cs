using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Consistency;
using Pictor.Images;
using Pictor.Imaging;
using Pictor.Metadata;
using Pictor.Storage;

namespace Pictor.Originals;

/// <summary>
/// Makes the levels of a stored original again (<c>pictor check --repair</c>: lost ones, and all of those
/// of originals stored before levels existed). Written like an upload's: journaled first, claimed in a
/// transaction that holds the original's row, so a delete or replace meanwhile leaves nothing behind.
/// </summary>
public sealed class LevelRegenerator(
    IDbContextFactory<PictorDbContext> dbs,
    IBlobStore blobs,
    BlobJournal journal,
    ImageInspector inspector,
    IOptions<ConsistencyOptions> consistency)
{
    /// <summary>Stores those of the original's levels whose keys are in <paramref name="missing"/>; returns how
    /// many, 0 when the original is gone or was replaced.</summary>
    public async Task<int> RegenerateAsync(string id, string storageKey, IReadOnlySet<string> missing, CancellationToken cancellationToken)
    {
        OriginalRecord? original;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
            original = await db.Originals.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.StorageKey == storageKey, cancellationToken);
        if (original is null) return 0;
        var wanted = OriginalLevels.Of(original);
        if (wanted.Count == 0) return 0;

        IReadOnlyList<EncodedLevel> levels;
        using (var file = await blobs.GetLocalFileAsync(storageKey, cancellationToken))
        {
            if (file is null) return 0;
            ImageFormats.TryFromName(original.Format, out var format);
            levels = inspector.MakeLevels(file.Path, format);
        }

        var made = wanted.Zip(levels, (w, l) => (w.Key, l.Bytes)).Where(m => missing.Contains(m.Key)).ToList();
        var keys = made.Select(m => m.Key).ToList();
        if (keys.Count == 0) return 0;
        var lease = TimeSpan.FromSeconds(consistency.Value.UploadLeaseSeconds);
        var journalIds = await journal.AddAsync(keys, lease, cancellationToken);
        var entries = journalIds.Zip(keys, (j, k) => new BlobJournalEntry { Id = j, StorageKey = k }).ToList();
        foreach (var (key, bytes) in made) await blobs.PutBytesAsync(key, bytes, durably: true, cancellationToken);

        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var current = await db.FindForUpdateAsync(id, cancellationToken);
            if (current?.StorageKey == storageKey && await journal.ClaimAllAsync(db, journalIds, cancellationToken))
            {
                await tx.CommitAsync(cancellationToken);
                return made.Count;
            }
        }
        await journal.CarryOutAsync(entries, CancellationToken.None); // deleted or replaced meanwhile
        return 0;
    }
}
