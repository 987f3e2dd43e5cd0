using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Consistency;
using Pictor.Metadata;
using Pictor.Observability;

namespace Pictor.Derivation;

/// <summary>
/// <c>Pictor:Derivation:MaxStoredBytes</c>: keeps the ready derived images within the budget by evicting the least
/// recently used (records and blobs, through the journal, like a purge); originals are never touched. An evicted
/// image is made again, identical, on its next request. Use is recorded coarsely: a hit writes
/// <see cref="DerivedRecord.LastAccessAt"/> only when the recorded time is a minute old, so hits stay reads.
/// Runs after each generation of this instance and every half minute (for what other instances made).
/// </summary>
public sealed class DerivedEviction(
    IDbContextFactory<PictorDbContext> dbs,
    BlobJournal journal,
    PictorMetrics metrics,
    TimeProvider clock,
    IOptions<DerivationOptions> options,
    ILogger<DerivedEviction> logger) : BackgroundService
{
    public static readonly TimeSpan AccessResolution = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);
    private const int Batch = 64;

    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly ConcurrentDictionary<(string, string), bool> _touching = new();

    private long Budget => options.Value.MaxStoredBytes;

    /// <summary>A derived image was stored: look at the budget soon.</summary>
    public void Stored()
    {
        if (Budget <= 0) return;
        try { _signal.Release(); } catch (SemaphoreFullException) { }
    }

    /// <summary>A derived image was served: record it, unless recorded less than <see cref="AccessResolution"/> ago (in the background).</summary>
    public void Served(DerivedRecord record)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (Budget <= 0 || now - record.LastAccessAt < AccessResolution) return;
        var key = (record.OriginalId, record.Variant);
        if (!_touching.TryAdd(key, true)) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var db = await dbs.CreateDbContextAsync();
                await db.Derived.Where(d => d.OriginalId == record.OriginalId && d.Variant == record.Variant && d.State == DerivedState.Ready)
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.LastAccessAt, now));
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Recording the use of {Id}/{Variant} failed; eviction sees the older time", record.OriginalId, record.Variant);
            }
            finally
            {
                _touching.TryRemove(key, out _);
            }
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Budget <= 0) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EvictAsync(stoppingToken);
                await _signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Evicting derived images failed; trying again");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>Evicts least recently used derived images until their bytes are within the budget; returns how many went.</summary>
    public async Task<int> EvictAsync(CancellationToken cancellationToken)
    {
        var evicted = 0;
        while (true)
        {
            List<BlobJournalEntry> released = [];
            await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
            {
                var ready = db.Derived.Where(d => d.State == DerivedState.Ready);
                var over = await ready.SumAsync(d => d.Bytes, cancellationToken) - Budget;
                if (over <= 0) return evicted;
                var oldest = await ready.AsNoTracking().OrderBy(d => d.LastAccessAt).ThenBy(d => d.CreatedAt)
                    .Select(d => new { d.OriginalId, d.Variant, d.StorageKey, d.Bytes }).Take(Batch).ToListAsync(cancellationToken);
                if (oldest.Count == 0) return evicted;

                await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
                List<string> keys = [];
                foreach (var d in oldest)
                {
                    if (over <= 0) break;
                    // Only what is still this very image (not replaced, purged or evicted by another instance meanwhile).
                    var gone = await db.Derived.Where(r => r.OriginalId == d.OriginalId && r.Variant == d.Variant
                        && r.StorageKey == d.StorageKey && r.State == DerivedState.Ready).ExecuteDeleteAsync(cancellationToken);
                    if (gone == 0) continue;
                    keys.Add(d.StorageKey);
                    over -= d.Bytes;
                }
                released = journal.AddDueNow(db, keys);
                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }
            metrics.DerivedEvicted(released.Count); // counted when the records went, as /stats counts them
            await journal.CarryOutAsync(released, CancellationToken.None);
            evicted += released.Count;
        }
    }

    /// <summary>
    /// Evicts the ready image whose bytes under <paramref name="storageKey"/> are gone or cut short while its record
    /// still points at them (a power cut after the commit: derived bytes are not fsynced), with what is left of the
    /// bytes, so the next request makes it again. A record that moved on meanwhile (purged, evicted, its original
    /// replaced) is left alone.
    /// </summary>
    public async Task ForgetLostAsync(string storageKey, CancellationToken cancellationToken)
    {
        List<BlobJournalEntry> released;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var gone = await db.Derived.Where(d => d.StorageKey == storageKey && d.State == DerivedState.Ready).ExecuteDeleteAsync(cancellationToken);
            if (gone == 0) return;
            released = journal.AddDueNow(db, [storageKey]);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        logger.LogWarning("The stored bytes of derived image {Key} were lost or cut short; it is made again", storageKey);
        await journal.CarryOutAsync(released, CancellationToken.None);
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }
}
