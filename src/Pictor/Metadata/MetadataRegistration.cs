using Microsoft.EntityFrameworkCore;
using Npgsql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using Pictor.Configuration;

namespace Pictor.Metadata;

public static class MetadataRegistration
{
    /// <summary>Registers <see cref="IDbContextFactory{PictorDbContext}"/> for the provider configured in <c>Pictor:Database</c>.</summary>
    public static IServiceCollection AddPictorMetadata(this IServiceCollection services)
    {
        services.AddSingleton<IDbContextFactory<PictorDbContext>>(sp =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var dataDirectory = sp.GetRequiredService<IOptions<PictorOptions>>().Value.DataDirectory;
            return database.Provider.ToLowerInvariant() switch
            {
                "sqlite" => Pooled<SqlitePictorDbContext>(o => o.UseSqlite(SqliteConnectionString(database, dataDirectory), s => s.CommandTimeout(database.BusyTimeoutSeconds)).AddInterceptors(new SqliteBusyTimeout(database.BusyTimeoutSeconds))),
                // Provider and connection string are validated with the options (PictorServices): reading
                // .Value above has already refused anything else.
                "postgres" or "postgresql" => Pooled<PostgresPictorDbContext>(o => o.UseNpgsql(database.ConnectionString)),
                _ => throw new System.Diagnostics.UnreachableException(),
            };
        });
        return services;
    }

    private static string SqliteConnectionString(DatabaseOptions database, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(database.ConnectionString)) return database.ConnectionString;
        var folder = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "pictor.db")};Pooling=True";
    }

    private static UpcastFactory<T> Pooled<T>(Action<DbContextOptionsBuilder<T>> configure) where T : PictorDbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        configure(builder);
        return new UpcastFactory<T>(new PooledDbContextFactory<T>(builder.Options));
    }

    private sealed class UpcastFactory<T>(IDbContextFactory<T> inner) : IDbContextFactory<PictorDbContext> where T : PictorDbContext
    {
        public PictorDbContext CreateDbContext() => inner.CreateDbContext();
    }

    /// <summary>
    /// Arbitrary, fixed: every Pictor instance takes this PostgreSQL advisory lock around its migrations.
    /// </summary>
    private const long MigrationLockKey = 0x5069_6374_6f72; // "Pictor"

    /// <summary>
    /// Applies migrations; safe when several instances start at once. On PostgreSQL, EF's own migration
    /// lock did not keep two instances from both applying a second migration ("column already exists"
    /// when two started together on a database at the first migration), so the whole run is serialised
    /// with an advisory lock held on a separate session; the second instance then finds nothing to apply.
    /// </summary>
    public static async Task MigrateAsync(IDbContextFactory<PictorDbContext> dbs, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL: readers never wait for the writer; it persists in the file once set.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        await using var lockSession = new NpgsqlConnection(db.Database.GetConnectionString());
        await lockSession.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockSession))
            await take.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", lockSession);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
