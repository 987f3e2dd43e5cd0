using Microsoft.EntityFrameworkCore;
using Pictor.Metadata;
using Pictor.Storage;

namespace Pictor.Webhooks;

/// <summary>
/// The database side of delivery. A message is claimed by a conditional update (due, and not leased or its lease
/// run out), atomic on every provider, so among all instances sharing the database one attempt holds it at a
/// time; an instance that dies mid-delivery loses it when the lease runs out. Acknowledged messages are deleted.
/// </summary>
public sealed class OutboxLeases(IDbContextFactory<PictorDbContext> dbs, TimeProvider clock)
{
    /// <summary>Longer than a delivery may take (<see cref="WebhookDispatcher.DeliveryTimeout"/>), so a live attempt never loses it.</summary>
    public static readonly TimeSpan LeaseLength = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan LongestBackoff = TimeSpan.FromHours(1);

    /// <summary>Up to <paramref name="count"/> due messages, each now leased to a new attempt of this instance.</summary>
    public async Task<List<(OutboxMessage Message, string Owner)>> ClaimAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.NextAttemptAt <= now && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(count).ToListAsync(cancellationToken);
        List<(OutboxMessage, string)> claimed = [];
        foreach (var message in due)
        {
            var owner = BlobKeys.NewToken();
            var taken = await db.Outbox
                .Where(m => m.Id == message.Id && m.NextAttemptAt <= now && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.LeaseOwner, owner).SetProperty(m => m.LeaseExpiresAt, now + LeaseLength), cancellationToken);
            if (taken == 1) claimed.Add((message, owner));
        }
        return claimed;
    }

    /// <summary>The receiver acknowledged it: gone for good.</summary>
    public async Task AcknowledgeAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await db.Outbox.Where(m => m.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A failed attempt: the next one after an exponential backoff (1 s, 2 s, 4 s, … at most an hour), by any instance.</summary>
    public async Task FailAsync(OutboxMessage message, string owner, string error, CancellationToken cancellationToken)
    {
        var attempts = message.Attempts + 1;
        var next = clock.GetUtcNow().UtcDateTime + Backoff(attempts);
        var reason = error.Length > 512 ? error[..512] : error;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await db.Outbox.Where(m => m.Id == message.Id && m.LeaseOwner == owner).ExecuteUpdateAsync(u => u
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, reason)
            .SetProperty(m => m.LeaseOwner, (string?)null)
            .SetProperty(m => m.LeaseExpiresAt, (DateTime?)null), cancellationToken);
    }

    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(attempts - 1, 20)), LongestBackoff.TotalSeconds));

    /// <summary>Messages not yet acknowledged, and those among them whose last attempt failed (for /metrics).</summary>
    public static async Task<OutboxTotals> TotalsAsync(PictorDbContext db, CancellationToken cancellationToken) => new(
        await db.Outbox.LongCountAsync(cancellationToken),
        await db.Outbox.LongCountAsync(m => m.Attempts > 0, cancellationToken));
}
