using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
                "mysql" or "mariadb" => Pooled<MySqlPictorDbContext>(o => UseMySql(o, database.ConnectionString!)),
                _ => throw new System.Diagnostics.UnreachableException(),
            };
        });
        return services;
    }

    /// <summary>MySQL or MariaDB, as every Pictor instance (and the tests) configure it.</summary>
    internal static void UseMySql(DbContextOptionsBuilder<MySqlPictorDbContext> options, string connectionString) =>
        options.UseMySQL(WithUtf8mb4(connectionString)).AddInterceptors(MariaDbCompatibility.Instance, MySqlReadCommitted.Instance);

    /// <summary>
    /// MySql.Data talks in the server's default character set unless told otherwise: latin1 on a server without
    /// configuration, where text outside it (attribute values, say) became '?' on the way in, whatever the
    /// utf8mb4 columns could hold. An operator's explicit CharSet is kept.
    /// </summary>
    private static string WithUtf8mb4(string connectionString)
    {
        var builder = new MySql.Data.MySqlClient.MySqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.CharacterSet)) builder.CharacterSet = "utf8mb4";
        return builder.ConnectionString;
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
        // Migrate() otherwise builds the migrations' snapshot model and diffs it against the live one at every
        // start, only to warn: JIT code and allocations an idle server keeps (bench/results/memory.md).
        // MigrationTests asserts per provider that the snapshots match the model instead.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return new UpcastFactory<T>(new PooledDbContextFactory<T>(builder.Options));
    }

    private sealed class UpcastFactory<T>(IDbContextFactory<T> inner) : IDbContextFactory<PictorDbContext> where T : PictorDbContext
    {
        public PictorDbContext CreateDbContext() => inner.CreateDbContext();
    }

    /// <summary>
    /// Applies migrations; safe when several instances start at once: on PostgreSQL and MySQL/MariaDB the
    /// whole run holds <see cref="MigrationLock"/>, so the instances migrate one after the other and all
    /// but the first find nothing to apply.
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

        await using var migrationLock = await MigrationLock.TakeAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
