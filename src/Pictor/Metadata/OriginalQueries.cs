using Microsoft.EntityFrameworkCore;

namespace Pictor.Metadata;

public static class OriginalQueries
{
    /// <summary>
    /// Reads an original inside a transaction so that it cannot be replaced or deleted until the
    /// transaction ends. SQLite transactions are serialised already; PostgreSQL needs FOR SHARE, which
    /// makes a concurrent PUT or DELETE wait for (and then see) what this transaction writes.
    /// </summary>
    public static Task<OriginalRecord?> FindLockedAsync(this PictorDbContext db, string id, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql()
            ? db.Originals.FromSql($"SELECT * FROM originals WHERE \"Id\" = {id} FOR SHARE").AsNoTracking().FirstOrDefaultAsync(cancellationToken)
            : db.Originals.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    /// <summary>
    /// Reads an original, tracked, after locking its row until the transaction ends, so that other changes of what
    /// is recorded about it wait: an update that changes nothing takes the row lock on PostgreSQL and MySQL (and
    /// the write lock on SQLite) without SQL of any one dialect.
    /// </summary>
    public static async Task<OriginalRecord?> FindForUpdateAsync(this PictorDbContext db, string id, CancellationToken cancellationToken)
    {
        await db.Originals.Where(o => o.Id == id).ExecuteUpdateAsync(u => u.SetProperty(o => o.FocusX, o => o.FocusX), cancellationToken);
        return await db.Originals.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
    }
}
