using Microsoft.EntityFrameworkCore;
using Pictor.Metadata;
using Pictor.Observability;
using Pictor.Storage;

namespace Pictor.Consistency;

/// <summary>
/// Finishes what crashed or abandoned work left: blobs whose journal entry is due, expired generation
/// leases, and the temp folders of instances that are gone. Runs at start-up and then periodically.
/// </summary>
public sealed class Recovery(
    IDbContextFactory<PictorDbContext> dbs,
    BlobJournal journal,
    TempArea temp,
    PictorMetrics metrics,
    TimeProvider clock,
    ILogger<Recovery> logger)
{
    public sealed record Report(int BlobsDeleted, int LeasesExpired, int TempFilesRemoved);

    public async Task<Report> RunAsync(CancellationToken cancellationToken)
    {
        var tempFiles = temp.RemoveAbandoned();
        var leases = await RemoveExpiredLeasesAsync(cancellationToken);
        var blobs = await journal.SweepAsync(cancellationToken);
        metrics.JournalBlobsDeleted(blobs);
        var report = new Report(blobs, leases, tempFiles);
        if (blobs + leases + tempFiles > 0)
            logger.LogInformation("Recovery: deleted {Blobs} unreferenced blobs, removed {Leases} expired generation leases and {Temp} abandoned temp files", blobs, leases, tempFiles);
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
