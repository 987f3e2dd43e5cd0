using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Pictor.Metadata;

/// <summary>
/// For transactions that only keep a derived image's bookkeeping (its lease, its journal entry, its ready record):
/// on SQLite their connection commits without syncing the WAL (<c>synchronous=NORMAL</c>) while they run, and gets
/// its setting back before it returns to the pool. Such a commit is still atomic and in order, and durable from the
/// next synced commit on (every upload's, every delete's); a power cut may undo it, which leaves at worst a lease
/// that expires, a blob the journal or <c>pictor check</c> deletes, or a record whose lost bytes are made again
/// (<see cref="Storage.IBlobStore.PutBytesAsync"/>). A cold derive so waits for no fsync at all; it waited for two
/// here (about 5 ms each on a busy disk). Other providers commit as usual.
/// </summary>
public sealed class CacheWrites : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly long _before;

    private CacheWrites(SqliteConnection connection, long before)
    {
        _connection = connection;
        _before = before;
    }

    /// <summary>Call before the transaction begins; dispose after it ends (declared before it, so disposed after it).</summary>
    public static async Task<CacheWrites?> BeginAsync(PictorDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite()) return null;
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var before = (long)(Run(connection, "PRAGMA synchronous") ?? 2L);
        Run(connection, "PRAGMA synchronous = NORMAL");
        return new CacheWrites(connection, before);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Run(_connection, $"PRAGMA synchronous = {_before}");
        }
        catch
        {
            // A connection that cannot be set back must not serve another commit: drop the pool's connections.
            SqliteConnection.ClearPool(_connection);
            throw;
        }
        return ValueTask.CompletedTask;
    }

    private static object? Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
