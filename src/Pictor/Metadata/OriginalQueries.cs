using Microsoft.EntityFrameworkCore;
using MySql.EntityFrameworkCore.Extensions;

namespace Pictor.Metadata;

public static class OriginalQueries
{
    /// <summary>
    /// Reads an original inside a transaction so that it cannot be replaced or deleted until the
    /// transaction ends. SQLite transactions are serialised already; PostgreSQL needs FOR SHARE and
    /// MySQL/MariaDB LOCK IN SHARE MODE (InnoDB's plain reads lock nothing), which make a concurrent PUT or
    /// DELETE wait for (and then see) what this transaction writes. The locking statement is run as written
    /// (not composed into a subquery, where MariaDB refuses a locking clause).
    /// </summary>
    public static async Task<OriginalRecord?> FindLockedAsync(this PictorDbContext db, string id, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
            return await db.Originals.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        var locked = db.Database.IsMySql()
            ? db.Originals.FromSql($"SELECT * FROM originals WHERE `Id` = {id} LOCK IN SHARE MODE")
            : db.Originals.FromSql($"SELECT * FROM originals WHERE \"Id\" = {id} FOR SHARE");
        return (await locked.AsNoTracking().ToListAsync(cancellationToken)).SingleOrDefault();
    }
}
