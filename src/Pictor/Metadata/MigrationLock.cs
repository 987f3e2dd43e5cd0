using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using MySql.Data.MySqlClient;
using MySql.EntityFrameworkCore.Extensions;
using Npgsql;

namespace Pictor.Metadata;

/// <summary>
/// A lock that every Pictor instance takes around its migrations, held on a session of its own: a
/// PostgreSQL advisory lock, or a MySQL/MariaDB named lock (<c>GET_LOCK</c>). EF's own migration lock did
/// not keep two instances from both applying a second migration on PostgreSQL ("column already exists"
/// when two started together on a database at the first migration); with the whole run serialised, the
/// second instance finds nothing to apply.
/// </summary>
internal sealed class MigrationLock : IAsyncDisposable
{
    /// <summary>Arbitrary, fixed: the PostgreSQL advisory lock key.</summary>
    private const long PostgresKey = 0x5069_6374_6f72; // "Pictor"

    /// <summary>The MySQL named lock (server-wide, so one name serves every database on the server).</summary>
    private const string MySqlName = "pictor-migrations";

    /// <summary>How long an instance waits for another one's migrations before it gives up starting.</summary>
    private const int MySqlTimeoutSeconds = 600;

    private readonly DbConnection _session;
    private readonly string _release;

    private MigrationLock(DbConnection session, string release)
    {
        _session = session;
        _release = release;
    }

    /// <summary>Takes the lock for <paramref name="db"/>'s database, waiting for any instance holding it.</summary>
    public static async Task<MigrationLock> TakeAsync(PictorDbContext db, CancellationToken cancellationToken)
    {
        var connectionString = db.Database.GetConnectionString();
        var (session, take, release) = db.Database.IsMySql()
            ? ((DbConnection)new MySqlConnection(connectionString),
                $"SELECT GET_LOCK('{MySqlName}', {MySqlTimeoutSeconds})", $"SELECT RELEASE_LOCK('{MySqlName}')")
            : (new NpgsqlConnection(connectionString), $"SELECT pg_advisory_lock({PostgresKey})", $"SELECT pg_advisory_unlock({PostgresKey})");
        try
        {
            await session.OpenAsync(cancellationToken);
            var taken = await ExecuteAsync(session, take, cancellationToken);
            // GET_LOCK answers 1 once taken, 0 on timeout, NULL on error; pg_advisory_lock returns once taken.
            if (db.Database.IsMySql() && Convert.ToInt64(taken is DBNull ? null : taken) != 1)
                throw new TimeoutException($"The migration lock '{MySqlName}' was not granted within {MySqlTimeoutSeconds} s: another instance is still migrating.");
            return new MigrationLock(session, release);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync(_session, _release, CancellationToken.None);
        }
        finally
        {
            await _session.DisposeAsync(); // ending the session releases the lock in any case
        }
    }

    private static async Task<object?> ExecuteAsync(DbConnection session, string sql, CancellationToken cancellationToken)
    {
        await using var command = session.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
