using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Pictor.Metadata;

// Scaffolds an EF Core migration for every provider (SQLite, PostgreSQL, MySQL/MariaDB) into src/Pictor/Metadata/Migrations/{Provider}.
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

Scaffold(new SqlitePictorDbContext(new DbContextOptionsBuilder<SqlitePictorDbContext>().UseSqlite("Data Source=:memory:").Options), DesignTimeServicesOf(typeof(SqliteDbContextOptionsBuilderExtensions)), "Sqlite");
Scaffold(new PostgresPictorDbContext(new DbContextOptionsBuilder<PostgresPictorDbContext>().UseNpgsql("Host=localhost").Options), DesignTimeServicesOf(typeof(NpgsqlDbContextOptionsBuilderExtensions)), "Postgres");
// No server is contacted: the connection string only satisfies UseMySQL.
Scaffold(new MySqlPictorDbContext(new DbContextOptionsBuilder<MySqlPictorDbContext>().UseMySQL("Server=localhost").Options), DesignTimeServicesOf(typeof(MySQLDbContextOptionsExtensions)), "MySql");
return 0;

void Scaffold(PictorDbContext context, IDesignTimeServices designTime, string provider)
{
    using var _ = context;
    if (!context.Database.HasPendingModelChanges())
    {
        Console.WriteLine($"{provider}: the migrations already describe the model; nothing scaffolded");
        return;
    }
    var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(context);
    designTime.ConfigureDesignTimeServices(services);
    using var provider_ = services.BuildServiceProvider();
    var scaffolder = provider_.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(name, "Pictor", $"Metadata.Migrations.{provider}", "C#");
    var files = scaffolder.Save(project, migration, Path.Combine(project, "Metadata", "Migrations", provider));
    foreach (var file in new[] { files.MigrationFile, files.MetadataFile, files.SnapshotFile }) MakeCompilable(file);
    Console.WriteLine($"{provider}: {files.MigrationFile}");
}

// The provider's design-time services, found the way dotnet-ef finds them (some providers keep the type internal).
static IDesignTimeServices DesignTimeServicesOf(Type providerType)
{
    var assembly = providerType.Assembly;
    var name = assembly.GetCustomAttribute<DesignTimeProviderServicesAttribute>()?.TypeName
        ?? throw new InvalidOperationException($"{assembly.GetName().Name} names no design-time services.");
    return (IDesignTimeServices)Activator.CreateInstance(assembly.GetType(name, throwOnError: true)!)!;
}

// MySql.EntityFrameworkCore's code generator calls its extension classes by name without importing their namespace
// (MySQLModelBuilderExtensions.HasCharSet, …), and for a table's character set calls a class that is internal
// (MySQLEntityTypeBuilderExtensions.HasCharSet(b, "utf8mb4")); the scaffolded files would not compile. The latter
// becomes the annotation it sets (the one the provider's migrations read), the former gets its using.
static void MakeCompilable(string? file)
{
    const string mySqlExtensions = "MySql.EntityFrameworkCore.Extensions";
    if (file is null || !File.Exists(file)) return;
    var code = Regex.Replace(File.ReadAllText(file), @"MySQLEntityTypeBuilderExtensions\.HasCharSet\((\w+), (""[^""]*"")\)", @"$1.HasAnnotation(""MySQL:Charset"", $2)");
    if (Regex.IsMatch(code, @"\bMySQL\w+Extensions\.") && !code.Contains($"using {mySqlExtensions};", StringComparison.Ordinal))
        code = code.Insert(code.IndexOf("using ", StringComparison.Ordinal), $"using {mySqlExtensions};\n");
    File.WriteAllText(file, code);
}
