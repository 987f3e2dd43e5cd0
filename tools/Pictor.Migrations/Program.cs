using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Pictor.Metadata;

#pragma warning disable EF1001 // the providers' design-time services live in Internal namespaces
// Scaffolds an EF Core migration for every provider into src/Pictor/Metadata/Migrations/{Provider}.
// The registry here has no dotnet-ef tool, so this drives EF's design-time services directly:
//   dotnet run --project tools/Pictor.Migrations -- <MigrationName>
if (args is not [var name])
{
    Console.Error.WriteLine("usage: dotnet run --project tools/Pictor.Migrations -- <MigrationName>");
    return 2;
}

var project = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Pictor"));
if (!File.Exists(Path.Combine(project, "Pictor.csproj")))
{
    Console.Error.WriteLine($"src/Pictor not found at {project}");
    return 1;
}

Scaffold(new SqlitePictorDbContext(new DbContextOptionsBuilder<SqlitePictorDbContext>().UseSqlite("Data Source=:memory:").Options), new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices(), "Sqlite");
Scaffold(new PostgresPictorDbContext(new DbContextOptionsBuilder<PostgresPictorDbContext>().UseNpgsql("Host=localhost").Options), new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices(), "Postgres");
return 0;

void Scaffold(PictorDbContext context, IDesignTimeServices designTime, string provider)
{
    using var _ = context;
    var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(context);
    designTime.ConfigureDesignTimeServices(services);
    using var provider_ = services.BuildServiceProvider();
    var scaffolder = provider_.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(name, "Pictor", $"Metadata.Migrations.{provider}", "C#");
    var files = scaffolder.Save(project, migration, Path.Combine(project, "Metadata", "Migrations", provider));
    Console.WriteLine($"{provider}: {files.MigrationFile}");
}
