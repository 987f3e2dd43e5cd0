using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pictor.Metadata;

/// <summary>
/// Lets SQLite itself wait for the write lock (sqlite3_busy_timeout, which retries within milliseconds)
/// rather than Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms between attempts. Two derives
/// committing at once hit that sleep, and it was most of the cold-derive p99 (bench/).
/// Beyond <c>Pictor:Database:BusyTimeoutSeconds</c> (default 30, as long as Microsoft.Data.Sqlite's default command
/// timeout would have retried; the command timeout is set to match, or Microsoft.Data.Sqlite would retry for 30 s
/// more) the write fails with SQLITE_BUSY, which is answered 503 (another process holds the lock).
/// </summary>
internal sealed class SqliteBusyTimeout(int seconds) : DbConnectionInterceptor
{
    private readonly int _milliseconds = checked(seconds * 1000);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    // A plain call into SQLite that sets a field of the connection: nothing goes to the database.
    private void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) SQLitePCL.raw.sqlite3_busy_timeout(handle, _milliseconds);
    }
}
