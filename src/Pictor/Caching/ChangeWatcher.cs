using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Metadata;

namespace Pictor.Caching;

/// <summary>
/// Reads the database's change counter every <c>Pictor:Cache:ChangeCheckMilliseconds</c> while the hit cache
/// holds something, and empties the cache when the counter moved: another process (or this one) removed derived
/// images. Not per request: one small SELECT per interval, none while the cache is empty.
/// <para>
/// While the database does not answer, the cache keeps what it holds and goes on serving it: no instance can
/// commit a change meanwhile, so those answers stay right (<c>/healthz</c> reports the outage). Changes committed
/// in the last interval before the outage are seen on the first read after it.
/// </para>
/// </summary>
public sealed class ChangeWatcher(HitCache cache, IDbContextFactory<PictorDbContext> dbs, IOptions<CacheOptions> options, TimeProvider clock, ILogger<ChangeWatcher> logger)
    : BackgroundService
{
    private long? _known;
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!cache.Enabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.ChangeCheckMilliseconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                if (!cache.IsEmpty || _known is null) await CheckAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One read of the counter; empties the cache if it moved since the last read.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        long value;
        try
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            value = await db.ReadDerivedChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (!_failing) logger.LogWarning(e, "Reading the change counter failed; the hit cache keeps serving what it holds until the database answers");
            _failing = true;
            return;
        }
        if (_failing) logger.LogInformation("The change counter answers again");
        _failing = false;
        // The first read empties the cache too: what was admitted before it has no reading to compare with.
        if (_known != value)
        {
            cache.Clear();
            logger.LogDebug("Derived images changed (counter {Old} → {New}); the hit cache was emptied", _known, value);
        }
        _known = value;
    }
}
