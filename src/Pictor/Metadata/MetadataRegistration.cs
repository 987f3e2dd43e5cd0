using Microsoft.EntityFrameworkCore;
using Pictor.Configuration;

namespace Pictor.Metadata;

public static class MetadataRegistration
{
    /// <summary>Registers <see cref="IDbContextFactory{PictorDbContext}"/> for the configured provider.</summary>
    public static IServiceCollection AddPictorMetadata(this IServiceCollection services, DatabaseOptions database, string dataDirectory)
    {
        switch (database.Provider.ToLowerInvariant())
        {
            case "sqlite":
                var sqlite = string.IsNullOrWhiteSpace(database.ConnectionString)
                    ? $"Data Source={Path.Combine(Path.GetFullPath(dataDirectory), "pictor.db")};Pooling=True"
                    : database.ConnectionString;
                services.AddPooledDbContextFactory<SqlitePictorDbContext>(o => o.UseSqlite(sqlite));
                services.AddSingleton<IDbContextFactory<PictorDbContext>, UpcastFactory<SqlitePictorDbContext>>();
                break;
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(database.ConnectionString))
                    throw new InvalidOperationException("Pictor:Database:ConnectionString is required when Pictor:Database:Provider is postgres.");
                services.AddPooledDbContextFactory<PostgresPictorDbContext>(o => o.UseNpgsql(database.ConnectionString));
                services.AddSingleton<IDbContextFactory<PictorDbContext>, UpcastFactory<PostgresPictorDbContext>>();
                break;
            default:
                throw new InvalidOperationException($"Pictor:Database:Provider is '{database.Provider}'; expected sqlite or postgres.");
        }
        return services;
    }

    private sealed class UpcastFactory<T>(IDbContextFactory<T> inner) : IDbContextFactory<PictorDbContext> where T : PictorDbContext
    {
        public PictorDbContext CreateDbContext() => inner.CreateDbContext();
    }

    /// <summary>Applies migrations (EF takes a database lock, so several instances may start at once).</summary>
    public static async Task MigrateAsync(IDbContextFactory<PictorDbContext> dbs, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL: readers never wait for the writer; it persists in the file once set.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
    }
}
