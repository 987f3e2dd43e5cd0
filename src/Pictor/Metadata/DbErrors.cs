using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Pictor.Metadata;

public static class DbErrors
{
    private const int SqliteConstraint = 19;

    /// <summary>A unique or foreign-key constraint refused the write: another writer got there first.</summary>
    public static bool IsConflict(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint,
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation,
        _ => false,
    };
}
