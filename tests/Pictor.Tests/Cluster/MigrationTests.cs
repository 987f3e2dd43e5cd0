using Microsoft.EntityFrameworkCore;
using Pictor.Metadata;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Cluster;

/// <summary>The migrations kept in the repository match the model and apply safely, also when instances start together.</summary>
public sealed class MigrationTests
{
    private const string OutOfDate = "the model changed without a migration: dotnet run --project tools/Pictor.Migrations -- <Name>";

    [Fact]
    public async Task The_postgres_migrations_describe_the_model_exactly()
    {
        var stores = await ClusterStores.CreateAsync();
        await using var db = new PostgresPictorDbContext(new DbContextOptionsBuilder<PostgresPictorDbContext>().UseNpgsql(stores.ConnectionString).Options);
        Assert.False(db.Database.HasPendingModelChanges(), OutOfDate);
        await db.Database.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        stores.ClearPool();
    }

    [Fact]
    public void The_sqlite_migrations_describe_the_model_exactly()
    {
        using var db = new SqlitePictorDbContext(new DbContextOptionsBuilder<SqlitePictorDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), OutOfDate);
    }

    [Fact]
    public async Task The_mysql_migrations_describe_the_model_exactly_and_make_a_utf8mb4_schema_with_binary_ids_and_microseconds()
    {
        var stores = await ClusterStores.CreateAsync(DatabaseBackend.MariaDb);
        var options = new DbContextOptionsBuilder<MySqlPictorDbContext>();
        MetadataRegistration.UseMySql(options, stores.ConnectionString);
        await using (var db = new MySqlPictorDbContext(options.Options))
        {
            Assert.False(db.Database.HasPendingModelChanges(), OutOfDate);
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        // The test server's default character set is latin1: the tables say their own.
        Assert.Equal("latin1", await stores.QueryAsync<string>("SELECT @@character_set_server"));
        const string column = "SELECT {0} FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = @table AND column_name = @column";
        foreach (var (table, name) in new[] { ("originals", "Id"), ("derived", "OriginalId") })
            Assert.Equal("utf8mb4_bin", await stores.QueryAsync<string>(string.Format(column, "collation_name"), ("table", table), ("column", name)));
        Assert.Equal("utf8mb4", await stores.QueryAsync<string>(string.Format(column, "character_set_name"), ("table", "originals"), ("column", "Format")));
        foreach (var (table, name) in new[] { ("originals", "UpdatedAt"), ("derived", "LeaseExpiresAt"), ("blob_journal", "DeleteAfter") })
            Assert.Equal(6L, await stores.QueryAsync<long>(string.Format(column, "datetime_precision"), ("table", table), ("column", name)));
        stores.ClearPool();
    }

    [Theory]
    [InlineData(DatabaseBackend.Postgres, "Postgres")]
    [InlineData(DatabaseBackend.MariaDb, "MySql")]
    public async Task Three_instances_starting_at_once_on_an_empty_database_all_come_up_and_migrate_it_once(DatabaseBackend backend, string migrationsFolder)
    {
        await using var cluster = await PictorCluster.StartAsync(3, backend: backend);
        var migrations = typeof(PictorDbContext).Assembly.GetTypes()
            .Count(t => t.Namespace == $"Pictor.Metadata.Migrations.{migrationsFolder}" && t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)));
        Assert.True(migrations > 0);
        Assert.Equal((long)migrations, await cluster.Stores.QueryAsync<long>("SELECT count(*) FROM \"__EFMigrationsHistory\""));
        foreach (var instance in cluster.Instances)
            Assert.Equal(System.Net.HttpStatusCode.OK, (await instance.Client().GetAsync("/original?limit=1")).StatusCode);
    }
}
