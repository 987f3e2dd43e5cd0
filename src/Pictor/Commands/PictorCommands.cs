using Microsoft.Extensions.Logging.Console;
using Pictor.Consistency;
using Pictor.Hosting;
using Pictor.Import;

namespace Pictor.Commands;

/// <summary>
/// The operator's commands of the service binary, run with the service's own configuration and services:
/// <c>check [--repair]</c> and <c>import-pymager --database URL --data-directory DIR [--convert-unsupported]</c>.
/// </summary>
public static class PictorCommands
{
    private const string ImportUsage =
        "usage: import-pymager --database <SQLAlchemy URL> --data-directory <pymager data_directory> [--convert-unsupported]\n" +
        "  URL: sqlite:////absolute/path.db, sqlite:///relative/path.db, postgresql://user:password@host:port/database,\n" +
        "       mysql://user:password@host:port/database (also postgres://, postgresql+psycopg2://, mysql+pymysql://, mysql+mysqldb://)";

    public static bool IsCommand(string[] args) => args.FirstOrDefault() is "check" or "import-pymager";

    public static Task<int> RunAsync(string[] args) => args[0] switch
    {
        "check" => CheckAsync(args.Contains("--repair")),
        _ => ImportPymagerAsync(args[1..]),
    };

    private static async Task<int> CheckAsync(bool repair)
    {
        await using var app = Build();
        // Without --repair the check only reads: no start-up recovery either.
        await app.PrepareAsync(recover: false);
        var findings = await app.Services.GetRequiredService<ConsistencyCheck>().RunAsync(repair, Console.Out, CancellationToken.None);
        return findings.Any(f => !repair || !ConsistencyCheck.Repairable(f)) ? 1 : 0;
    }

    private static async Task<int> ImportPymagerAsync(string[] args)
    {
        string? database = null, dataDirectory = null;
        var convert = false;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal) ? (n, v) : (args[i], null);
            switch (name)
            {
                case "--database": database = value ?? (++i < args.Length ? args[i] : null); break;
                case "--data-directory": dataDirectory = value ?? (++i < args.Length ? args[i] : null); break;
                case "--convert-unsupported": convert = true; break;
                case "--help" or "-h": Console.WriteLine(ImportUsage); return 0;
                default: return Usage($"unknown argument '{args[i]}'");
            }
        }
        if (string.IsNullOrWhiteSpace(database)) return Usage("--database is required");
        if (string.IsNullOrWhiteSpace(dataDirectory)) return Usage("--data-directory is required");
        if (!Directory.Exists(dataDirectory)) return Usage($"the pymager data directory '{dataDirectory}' does not exist");
        PymagerDatabaseUrl url;
        try
        {
            url = PymagerDatabaseUrl.Parse(database);
        }
        catch (FormatException e)
        {
            return Usage(e.Message);
        }

        await using var app = Build();
        await app.PrepareAsync(); // like any instance starting: the work of a killed earlier run is cleaned up first
        var importer = ActivatorUtilities.CreateInstance<PymagerImporter>(app.Services);
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        try
        {
            var summary = await importer.RunAsync(new(url, Path.GetFullPath(dataDirectory), convert), Console.Out, progress: !Console.IsOutputRedirected, interrupt.Token);
            return summary.ExitCode;
        }
        catch (System.Data.Common.DbException e)
        {
            Console.Error.WriteLine($"import-pymager: cannot read the pymager database {url.Display}: {e.Message}");
            return ImportSummary.ExitUnusable;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("import-pymager: interrupted; what was imported stays, run it again to finish");
            return ImportSummary.ExitIncomplete;
        }
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"import-pymager: {problem}");
        Console.Error.WriteLine(ImportUsage);
        return ImportSummary.ExitUnusable;
    }

    /// <summary>The service's configuration (appsettings, environment), but not the command's arguments.</summary>
    private static WebApplication Build()
    {
        var builder = WebApplication.CreateBuilder([]);
        // stdout is the command's report; the service's own log goes to stderr, and only its warnings.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Pictor", LogLevel.Warning);
        builder.AddPictor();
        return builder.Build();
    }
}
