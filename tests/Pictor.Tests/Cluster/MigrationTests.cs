using Microsoft.EntityFrameworkCore;
using Pictor.Metadata;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Cluster;

/// <summary>The migrations kept in the repository match the model and apply safely, also when instances start together.</summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task The_postgres_migrations_describe_the_model_exactly()
    {
        var stores = await ClusterStores.CreateAsync();
        await using var db = new PostgresPictorDbContext(new DbContextOptionsBuilder<PostgresPictorDbContext>().UseNpgsql(stores.ConnectionString).Options);
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: dotnet run --project tools/Pictor.Migrations -- <Name>");
        await db.Database.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        stores.ClearPool();
    }

    [Fact]
    public void The_sqlite_migrations_describe_the_model_exactly()
    {
        using var db = new SqlitePictorDbContext(new DbContextOptionsBuilder<SqlitePictorDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: dotnet run --project tools/Pictor.Migrations -- <Name>");
    }

    [Fact]
    public async Task Three_instances_starting_at_once_on_an_empty_database_all_come_up_and_migrate_it_once()
    {
        await using var cluster = await PictorCluster.StartAsync(3);
        var migrations = typeof(PostgresPictorDbContext).Assembly.GetTypes()
            .Count(t => t.Namespace == "Pictor.Metadata.Migrations.Postgres" && t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)));
        Assert.True(migrations > 0);
        Assert.Equal((long)migrations, await cluster.Stores.QueryAsync<long>("SELECT count(*) FROM \"__EFMigrationsHistory\""));
        foreach (var instance in cluster.Instances)
            Assert.Equal(System.Net.HttpStatusCode.OK, (await instance.Client().GetAsync("/original?limit=1")).StatusCode);
    }
}
