using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pictor.Metadata;

/// <summary>
/// Transactions on MySQL/MariaDB run at READ COMMITTED, as they do on PostgreSQL, for which Pictor's
/// transactions are written. MySql.Data begins every transaction that names no level at REPEATABLE READ, where
/// InnoDB's locking reads also lock the gaps between rows: two uploads of new IDs that each read the (absent)
/// original FOR UPDATE then insert it wait for each other's gap lock and one fails with a deadlock (1213)
/// instead of committing, or getting its 409.
/// </summary>
internal sealed class MySqlReadCommitted : DbTransactionInterceptor
{
    public static readonly MySqlReadCommitted Instance = new();

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result) =>
        eventData.IsolationLevel == IsolationLevel.Unspecified
            ? InterceptionResult<DbTransaction>.SuppressWithResult(connection.BeginTransaction(IsolationLevel.ReadCommitted))
            : result;

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
        eventData.IsolationLevel == IsolationLevel.Unspecified
            ? InterceptionResult<DbTransaction>.SuppressWithResult(await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken))
            : result;
}
