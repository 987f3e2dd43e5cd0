using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pictor.Metadata;

/// <summary>
/// Rewrites the two statements of MySql.EntityFrameworkCore (written for MySQL 8) that MariaDB refuses, into
/// forms both servers read the same way:
/// <list type="bullet">
/// <item>EF's migration lock, <c>GET_LOCK('__EFMigrationsLock',-1)</c>, whose answer the provider unboxes as a
/// <see cref="long"/>. MySQL reads a negative timeout as "wait forever"; MariaDB answers NULL, and its GET_LOCK
/// is an INT, not a BIGINT: the provider failed with InvalidCastException in
/// MySQLHistoryRepository.AcquireDatabaseLockAsync and no migration ran. Rewritten with a finite timeout and
/// the answer widened to BIGINT by arithmetic (MariaDB keeps <c>CAST(… AS SIGNED)</c> of a one-digit INT an
/// INT). Pictor's own <see cref="MigrationLock"/> already serialises the instances; this one only has to be taken.</item>
/// <item><c>ExecuteDelete</c>'s <c>DELETE FROM `t` AS `a` WHERE …</c>: an alias in a single-table DELETE is
/// MySQL 8.0.16+ syntax, a syntax error on MariaDB 10.11. Rewritten as <c>DELETE `a` FROM `t` AS `a` WHERE …</c>,
/// the multi-table form both accept (EF puts no ORDER BY or LIMIT on these).</item>
/// </list>
/// </summary>
internal sealed partial class MariaDbCompatibility : DbCommandInterceptor
{
    public static readonly MariaDbCompatibility Instance = new();

    private const string ProviderLock = "SELECT GET_LOCK('__EFMigrationsLock',-1)";
    private const string FiniteLock = "SELECT GET_LOCK('__EFMigrationsLock',3600) + 4294967296 - 4294967296";

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        var sql = result.CommandText;
        if (sql.StartsWith("DELETE FROM ", StringComparison.Ordinal))
            result.CommandText = AliasedDelete().Replace(sql, "DELETE $2 FROM $1 AS $2", 1);
        else if (sql.StartsWith(ProviderLock, StringComparison.Ordinal))
            result.CommandText = string.Concat(FiniteLock, sql.AsSpan(ProviderLock.Length));
        return result;
    }

    [GeneratedRegex(@"^DELETE FROM (`[^`]+`) AS (`[^`]+`)")]
    private static partial Regex AliasedDelete();
}
