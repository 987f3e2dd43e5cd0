using Microsoft.EntityFrameworkCore;
using Pictor.Metadata;
using Pictor.Observability;
using Pictor.Storage;

namespace Pictor.Consistency;

/// <summary>
/// Finishes what crashed or abandoned work left: the work of instances whose process is gone (their
/// temp folder's lock is free), blobs whose journal entry is due, expired generation leases, and those
/// instances' temp folders. Runs at start-up, so a restarted instance cleans up after its dead
/// predecessor at once, and then periodically.
/// </summary>
/// <remarks>
/// Liveness comes from the lock on a folder in this data directory, so an instance only ever settles
/// the work of dead instances that shared its data directory (the same host, or a shared filesystem
/// with working flock); work of instances elsewhere is settled when its leases run out, by any
/// instance. Settling is safe even if an instance were wrongly taken for dead: its commit claims its
/// journal entry only while that is not due (<see cref="BlobJournal.ClaimAsync"/>), so it would fail
/// and retry rather than reference a blob being deleted.
/// </remarks>
public sealed class Recovery(
    IDbContextFactory<PictorDbContext> dbs,
    BlobJournal journal,
    TempArea temp,
    PictorMetrics metrics,
    TimeProvider clock,
    ILogger<Recovery> logger)
{
    public sealed record Report(int DeadInstances, int BlobsDeleted, int LeasesExpired, int TempFilesRemoved);

    public async Task<Report> RunAsync(CancellationToken cancellationToken)
    {
        var dead = temp.AbandonedInstances();
        var abandonedLeases = await journal.ReleaseAbandonedAsync(dead, cancellationToken);
        var tempFiles = temp.Remove(dead); // only once the database no longer counts on them being alive
        var leases = abandonedLeases + await RemoveExpiredLeasesAsync(cancellationToken);
        var blobs = await journal.SweepAsync(cancellationToken);
        metrics.JournalBlobsDeleted(blobs);
        var report = new Report(dead.Count, blobs, leases, tempFiles);
        if (dead.Count + blobs + leases + tempFiles > 0)
            logger.LogInformation(
                "Recovery: settled the work of {Dead} dead instances; deleted {Blobs} unreferenced blobs, removed {Leases} abandoned or expired generation leases and {Temp} temp files",
                dead.Count, blobs, leases, tempFiles);
        return report;
    }

    /// <summary>A generation whose lease expired will never complete; its journal entry is due too.</summary>
    private async Task<int> RemoveExpiredLeasesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Derived
            .Where(d => d.State == DerivedState.Generating && d.LeaseExpiresAt < now)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
