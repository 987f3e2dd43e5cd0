using Microsoft.EntityFrameworkCore;

namespace Pictor.Metadata;

public static class ChangeCounterQueries
{
    /// <summary>
    /// Raises the counter in the caller's transaction, so another instance that reads the new value also reads
    /// what the transaction removed (never the value before the commit and the state after it).
    /// </summary>
    public static Task CountDerivedChangeAsync(this PictorDbContext db, CancellationToken cancellationToken) =>
        db.ChangeCounter.Where(c => c.Id == ChangeCounterRecord.SingleId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Value, c => c.Value + 1), cancellationToken);

    /// <summary>The counter's current value (0 before the first change).</summary>
    public static async Task<long> ReadDerivedChangesAsync(this PictorDbContext db, CancellationToken cancellationToken) =>
        await db.ChangeCounter.AsNoTracking().Where(c => c.Id == ChangeCounterRecord.SingleId).Select(c => c.Value)
            .FirstOrDefaultAsync(cancellationToken);
}
