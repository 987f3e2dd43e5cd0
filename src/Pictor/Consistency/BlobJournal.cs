using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Metadata;
using Pictor.Storage;

namespace Pictor.Consistency;

/// <summary>Writes and carries out <see cref="BlobJournalEntry"/> rows.</summary>
public sealed class BlobJournal(
    IDbContextFactory<PictorDbContext> dbs, IBlobStore blobs, TempArea temp, TimeProvider clock, IOptions<ConsistencyOptions> options, ILogger<BlobJournal> logger)
{
    /// <summary>Records, before a blob is written, that it is to be deleted unless a commit claims it in time.</summary>
    public async Task<long> AddAsync(string key, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var entry = Owned(key, lease);
        db.BlobJournal.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry.Id;
    }

    /// <summary>As <see cref="AddAsync(string, TimeSpan, CancellationToken)"/>, for several blobs written together (an original and its levels).</summary>
    public async Task<List<long>> AddAsync(IEnumerable<string> keys, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var entries = keys.Select(k => Owned(k, lease)).ToList();
        db.BlobJournal.AddRange(entries);
        await db.SaveChangesAsync(cancellationToken);
        return [.. entries.Select(e => e.Id)];
    }

    /// <summary>An entry for a blob this instance is about to write, due when <paramref name="lease"/> runs out or this instance dies.</summary>
    public BlobJournalEntry Owned(string key, TimeSpan lease) =>
        new() { StorageKey = key, DeleteAfter = clock.GetUtcNow().UtcDateTime + lease, Owner = temp.InstanceId };

    /// <summary>
    /// A commit makes its blob referenced by removing the blob's entry, and may only do so while the entry is
    /// not yet due: a due entry belongs to the sweeper, which may be deleting the blob at this moment.
    /// </summary>
    public Task<int> ClaimAsync(PictorDbContext db, long entryId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.BlobJournal.Where(j => j.Id == entryId && j.DeleteAfter > now).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Claims every entry, or (when any is due already) returns false; the caller then rolls back.</summary>
    public async Task<bool> ClaimAllAsync(PictorDbContext db, IReadOnlyCollection<long> entryIds, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.BlobJournal.Where(j => entryIds.Contains(j.Id) && j.DeleteAfter > now).ExecuteDeleteAsync(cancellationToken);
        return claimed == entryIds.Count;
    }

    /// <summary>Moves an entry's deadline, within the caller's transaction (a renewed lease keeps its blob).</summary>
    public Task<int> ExtendAsync(PictorDbContext db, long entryId, DateTime deleteAfter, CancellationToken cancellationToken) =>
        db.BlobJournal.Where(j => j.Id == entryId).ExecuteUpdateAsync(u => u.SetProperty(j => j.DeleteAfter, deleteAfter), cancellationToken);

    /// <summary>
    /// The blob of a write that was given up on is deleted only after the grace period: an object-store PUT the
    /// client abandoned (a stalled connection, a timeout) can still reach the store afterwards, and deleting at
    /// once would leave that late object unreferenced for ever. The entry keeps its owner: should this instance
    /// die in the meantime, recovery makes it due at once, like the rest of the dead instance's work.
    /// </summary>
    public async Task AbandonAsync(long entryId, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var due = clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(options.Value.AbandonedWriteGraceSeconds);
        await db.BlobJournal.Where(j => j.Id == entryId)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.DeleteAfter, due), cancellationToken);
    }

    /// <summary>
    /// The work of instances known to be dead will never complete: their generation leases go, and the
    /// entries of the blobs they were writing fall due now. Returns how many leases went.
    /// </summary>
    public async Task<int> ReleaseAbandonedAsync(IReadOnlyCollection<string> instances, CancellationToken cancellationToken)
    {
        if (instances.Count == 0) return 0;
        var owners = instances.ToArray();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var theirs = db.BlobJournal.Where(j => j.Owner != null && owners.Contains(j.Owner));
        var leases = await db.Derived
            .Where(d => d.State == DerivedState.Generating && theirs.Any(j => j.Id == d.JournalId))
            .ExecuteDeleteAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await theirs.ExecuteUpdateAsync(u => u.SetProperty(j => j.DeleteAfter, now).SetProperty(j => j.Owner, (string?)null), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return leases;
    }

    /// <summary>Adds entries due now to a transaction that unreferences these blobs.</summary>
    public List<BlobJournalEntry> AddDueNow(PictorDbContext db, IEnumerable<string> keys)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = keys.Select(k => new BlobJournalEntry { StorageKey = k, DeleteAfter = now }).ToList();
        db.BlobJournal.AddRange(entries);
        return entries;
    }

    /// <summary>Deletes the blobs and then their entries. Failures are logged and left to the sweeper.</summary>
    public async Task CarryOutAsync(IEnumerable<BlobJournalEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            try
            {
                await blobs.DeleteAsync(entry.StorageKey, cancellationToken);
                await using var db = await dbs.CreateDbContextAsync(cancellationToken);
                await db.BlobJournal.Where(j => j.Id == entry.Id).ExecuteDeleteAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Deleting blob {Key} failed; the journal sweeper will retry", entry.StorageKey);
            }
        }
    }

    /// <summary>Carries out every entry that is due; returns how many blobs it deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var done = 0;
        for (var batch = 0; batch < 100; batch++) // bounded: entries whose blob cannot be deleted stay due
        {
            List<BlobJournalEntry> due;
            await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
            {
                var now = clock.GetUtcNow().UtcDateTime;
                due = await db.BlobJournal.AsNoTracking().Where(j => j.DeleteAfter <= now).OrderBy(j => j.Id).Take(500).ToListAsync(cancellationToken);
            }
            if (due.Count == 0) return done;
            await CarryOutAsync(due, cancellationToken);
            done += due.Count;
            if (due.Count < 500) return done;
        }
        return done;
    }
}
