using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pictor.Metadata;

/// <summary>
/// Lets SQLite itself wait for the write lock (sqlite3_busy_timeout, which retries within milliseconds)
/// rather than Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms between attempts. Two derives
/// committing at once hit that sleep, and it was most of the cold-derive p99 (bench/).
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    /// <summary>As long as Microsoft.Data.Sqlite's default command timeout would have retried.</summary>
    private const int Milliseconds = 30_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    // A plain call into SQLite that sets a field of the connection: nothing goes to the database.
    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) SQLitePCL.raw.sqlite3_busy_timeout(handle, Milliseconds);
    }
}
