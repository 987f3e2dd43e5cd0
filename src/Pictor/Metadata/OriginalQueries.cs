using Microsoft.EntityFrameworkCore;
using MySql.EntityFrameworkCore.Extensions;

namespace Pictor.Metadata;

public static class OriginalQueries
{
    /// <summary>
    /// Reads an original inside a transaction so that it cannot be replaced or deleted until the
    /// transaction ends. SQLite transactions are serialised already; PostgreSQL needs FOR SHARE and
    /// MySQL/MariaDB LOCK IN SHARE MODE (InnoDB's plain reads lock nothing), which make a concurrent PUT or
    /// DELETE wait for (and then see) what this transaction writes.
    /// </summary>
    public static Task<OriginalRecord?> FindLockedAsync(this PictorDbContext db, string id, CancellationToken cancellationToken) =>
        FindAsync(db, id, exclusive: false, cancellationToken);

    /// <summary>
    /// Reads an original inside a transaction that is going to replace or delete it (FOR UPDATE). Taken
    /// before any of its derived rows is touched, so every writer locks the original first and its derived
    /// rows after: a replace or delete waits for the generations that hold the original (<see cref="FindLockedAsync"/>)
    /// instead of deadlocking with them over a derived row (40P01 on PostgreSQL, 1213 on MariaDB).
    /// </summary>
    public static Task<OriginalRecord?> FindForUpdateAsync(this PictorDbContext db, string id, CancellationToken cancellationToken) =>
        FindAsync(db, id, exclusive: true, cancellationToken);

    // The locking statement is run as written (not composed into a subquery, where MariaDB refuses a locking clause).
    private static async Task<OriginalRecord?> FindAsync(PictorDbContext db, string id, bool exclusive, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
            return await db.Originals.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        var locked = (db.Database.IsMySql(), exclusive) switch
        {
            (true, false) => db.Originals.FromSql($"SELECT * FROM originals WHERE `Id` = {id} LOCK IN SHARE MODE"),
            (true, true) => db.Originals.FromSql($"SELECT * FROM originals WHERE `Id` = {id} FOR UPDATE"),
            (false, false) => db.Originals.FromSql($"SELECT * FROM originals WHERE \"Id\" = {id} FOR SHARE"),
            (false, true) => db.Originals.FromSql($"SELECT * FROM originals WHERE \"Id\" = {id} FOR UPDATE"),
        };
        return (await locked.AsNoTracking().ToListAsync(cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// Reads an original, tracked, after locking its row until the transaction ends, so that other changes of what
    /// is recorded about it wait: an update that changes nothing takes the row lock on PostgreSQL and MySQL (and
    /// the write lock on SQLite) without SQL of any one dialect.
    /// </summary>
    public static async Task<OriginalRecord?> FindTrackedForUpdateAsync(this PictorDbContext db, string id, CancellationToken cancellationToken)
    {
        await db.Originals.Where(o => o.Id == id).ExecuteUpdateAsync(u => u.SetProperty(o => o.FocusX, o => o.FocusX), cancellationToken);
        return await db.Originals.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
    }
}
