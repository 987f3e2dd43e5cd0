using System.Data.Common;
using Npgsql;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server from Debian's packages on a free loopback port, in a temp folder: initdb,
/// then <c>postgres</c> as a child process. As root it runs as the <c>postgres</c> user (the server refuses
/// root) with folders that user owns. Durability settings are off: the tests exercise its semantics, not its disk.
/// </summary>
public sealed class PostgresServer : IDatabaseServer
{
    public const string User = "pictor";
    private const string FolderPrefix = "pictor-pg";
    private const string Ready = "ready to accept connections";
    private readonly TempFolder _folder;
    private readonly string _bin;
    private ServerProcess _server;

    private PostgresServer(TempFolder folder, string bin, ServerProcess server, int port)
    {
        _folder = folder;
        _bin = bin;
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public string Provider => "postgres";

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Include Error Detail=true";

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = BinDirectory();
        AbandonedServers.Reap(FolderPrefix, folder => AbandonedServers.ReadPid(Path.Combine(folder, "data", "postmaster.pid")));
        var folder = new TempFolder(FolderPrefix);
        try
        {
            AbandonedServers.MarkOwned(folder.Path);
            var data = Path.Combine(folder.Path, "data");
            if (Environment.IsPrivilegedProcess)
                await ServerProcess.RunAsync("chown", "chown", ["-R", "postgres:postgres", folder.Path], TimeSpan.FromSeconds(30));
            var (initdb, initdbArgs) = AsServerUser(Path.Combine(bin, "initdb"), ["-D", data, "-U", User, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
            await ServerProcess.RunAsync("initdb", initdb, initdbArgs, TimeSpan.FromMinutes(2));

            var (server, port) = await ServerProcess.StartOnFreePortAsync("PostgreSQL", port => Command(bin, folder.Path, port),
                Ready, portTaken: "could not bind", ServerProcess.SigInt, folder.Path);
            return new PostgresServer(folder, bin, server, port);
        }
        catch (Exception e)
        {
            folder.Dispose();
            throw new InvalidOperationException($"PostgreSQL could not be started for the tests (scripts/install-test-deps.sh installs Debian's postgresql): {e.Message}", e);
        }
    }

    /// <summary>An outage: the server shuts down (fast shutdown: clients are disconnected); its data stays.</summary>
    public void Stop()
    {
        _server.Stop(ServerProcess.SigInt, TimeSpan.FromSeconds(15));
        _server.Dispose();
    }

    /// <summary>Starts the stopped server again on the same port and data.</summary>
    public async Task RestartAsync() =>
        _server = await ServerProcess.StartReadyAsync("PostgreSQL", Command(_bin, _folder.Path, Port), Ready, ServerProcess.SigInt, _folder.Path);

    /// <summary><c>postgres</c> on <paramref name="port"/> over the data in <paramref name="folder"/>, its socket there too; durability off.</summary>
    private static (string File, string[] Args) Command(string bin, string folder, int port) => AsServerUser(Path.Combine(bin, "postgres"),
    [
        "-D", Path.Combine(folder, "data"), "-p", port.ToString(), "-k", folder,
        "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=400",
        "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
    ]);

    /// <summary>A new, empty database; each factory gets its own so tests stay independent.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "pictor_" + Guid.NewGuid().ToString("N")[..16];
        await using var admin = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await create.ExecuteNonQueryAsync();
        return name;
    }

    public async Task<DbConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    public void ClearPool(string database) => NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString(database)));

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        _server.Stop(ServerProcess.SigInt, TimeSpan.FromSeconds(15)); // fast shutdown
        _folder.Dispose();
        _server.Dispose();
    }

    /// <summary>Debian installs the server under /usr/lib/postgresql/{version}/bin; the newest wins. PICTOR_PG_BIN overrides.</summary>
    private static string BinDirectory()
    {
        if (Environment.GetEnvironmentVariable("PICTOR_PG_BIN") is { Length: > 0 } configured) return configured;
        const string root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.EnumerateDirectories(root)
                .Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "postgres")) && File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries not found under {root}/*/bin: install Debian's postgresql package (scripts/install-test-deps.sh) or set PICTOR_PG_BIN.");
    }

    private static (string File, string[] Args) AsServerUser(string file, string[] args) =>
        Environment.IsPrivilegedProcess
            ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", file, .. args])
            : (file, args);
}
