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
    public static async Task<OriginalRecord?> FindLockedAsync(this PictorDbContext db, string id, CancellationToken cancellationToken) =>
        (await Locking(db, id, exclusive: false).AsNoTracking().ToListAsync(cancellationToken)).SingleOrDefault();

    /// <summary>
    /// Reads an original, tracked, inside a transaction that is going to change, replace or delete it (FOR UPDATE;
    /// on SQLite the transaction holds the write lock from BEGIN IMMEDIATE already). Taken before any of its
    /// derived rows is touched, so every writer locks the original first and its derived rows after: a writer
    /// waits for the generations that hold the original (<see cref="FindLockedAsync"/>) instead of deadlocking
    /// with them over a derived row (40P01 on PostgreSQL, 1213 on MariaDB).
    /// </summary>
    public static async Task<OriginalRecord?> FindForUpdateAsync(this PictorDbContext db, string id, CancellationToken cancellationToken) =>
        (await Locking(db, id, exclusive: true).ToListAsync(cancellationToken)).SingleOrDefault();

    // The locking statement is run as written (not composed into a subquery, where MariaDB refuses a locking clause).
    private static IQueryable<OriginalRecord> Locking(PictorDbContext db, string id, bool exclusive)
    {
        if (db.Database.IsSqlite()) return db.Originals.Where(o => o.Id == id);
        return (db.Database.IsMySql(), exclusive) switch
        {
            (true, false) => db.Originals.FromSql($"SELECT * FROM originals WHERE `Id` = {id} LOCK IN SHARE MODE"),
            (true, true) => db.Originals.FromSql($"SELECT * FROM originals WHERE `Id` = {id} FOR UPDATE"),
            (false, false) => db.Originals.FromSql($"SELECT * FROM originals WHERE \"Id\" = {id} FOR SHARE"),
            (false, true) => db.Originals.FromSql($"SELECT * FROM originals WHERE \"Id\" = {id} FOR UPDATE"),
        };
    }
}
