using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MySql.Data.MySqlClient;
using Npgsql;

namespace Pictor.Metadata;

public static class DbErrors
{
    private const int SqliteConstraint = 19;

    /// <summary>MySQL/MariaDB ER_DUP_ENTRY, ER_NO_REFERENCED_ROW_2 (a foreign key to a row that is gone).</summary>
    private const int MySqlDuplicateEntry = 1062;
    private const int MySqlNoReferencedRow = 1452;

    /// <summary>A unique or foreign-key constraint refused the write: another writer got there first.</summary>
    public static bool IsConflict(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint,
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation,
        MySqlException mysql => mysql.Number is MySqlDuplicateEntry or MySqlNoReferencedRow,
        _ => false,
    };
}
