using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Metadata;

namespace Pictor.Observability;

/// <summary>
/// Whether the database answers, as <c>/healthz</c> reports it: one check at a time, reused for
/// <c>Pictor:Health:DatabaseCheckMilliseconds</c> from when it started, so a probe storm costs one connection per
/// interval and an outage shows within the interval (plus the check's own connect time).
/// </summary>
public sealed class DatabaseHealth(IDbContextFactory<PictorDbContext> dbs, IOptions<HealthOptions> options, TimeProvider clock, ILogger<DatabaseHealth> logger)
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _reuse = TimeSpan.FromMilliseconds(options.Value.DatabaseCheckMilliseconds);
    private Task<bool>? _check;
    private long _startedAt;

    public Task<bool> IsHealthyAsync()
    {
        var check = Volatile.Read(ref _check);
        if (check is not null && Fresh()) return check;
        lock (_gate)
        {
            if (_check is null || !Fresh())
            {
                _startedAt = clock.GetTimestamp();
                Volatile.Write(ref _check, CheckAsync());
            }
            return _check;
        }
    }

    private bool Fresh() => clock.GetElapsedTime(Interlocked.Read(ref _startedAt)) < _reuse;

    private async Task<bool> CheckAsync()
    {
        try
        {
            await using var db = await dbs.CreateDbContextAsync();
            return await db.Database.CanConnectAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The database health check failed");
            return false;
        }
    }
}
