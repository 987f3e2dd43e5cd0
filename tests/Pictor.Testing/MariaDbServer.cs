using System.Data.Common;
using MySql.Data.MySqlClient;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// A real MariaDB server from Debian's packages on a free loopback port, in a temp folder:
/// <c>mariadb-install-db</c>, then <c>mariadbd</c> as a child process, with no configuration file (so the
/// server's defaults, latin1 included: the schema must not depend on the server's character set). Pictor
/// connects as a user with a password and rights on the test databases only, as an operator would set it
/// up. Durability settings are off: the tests exercise its semantics, not its disk.
/// </summary>
public sealed class MariaDbServer : IDatabaseServer
{
    public const string User = "pictor";
    public const string Password = "pictor-test";
    private const string FolderPrefix = "pictor-mariadb";
    private readonly TempFolder _folder;
    private readonly ServerProcess _server;

    private MariaDbServer(TempFolder folder, ServerProcess server, int port)
    {
        _folder = folder;
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public string Provider => "mysql";

    public string ConnectionString(string database) =>
        $"Server=127.0.0.1;Port={Port};Database={database};Uid={User};Pwd={Password};SslMode=Disabled";

    public static async Task<MariaDbServer> StartAsync()
    {
        var (installDb, mariadbd) = Binaries();
        AbandonedServers.Reap(FolderPrefix, folder => AbandonedServers.ReadPid(Path.Combine(folder, "mariadbd.pid")));
        var folder = new TempFolder(FolderPrefix);
        try
        {
            AbandonedServers.MarkOwned(folder.Path);
            var data = Path.Combine(folder.Path, "data");
            // As root the server must be told to run as root (it refuses otherwise); the folder is root's.
            string[] asUser = Environment.IsPrivilegedProcess ? ["--user=root"] : [];
            await ServerProcess.RunAsync("mariadb-install-db", installDb,
                ["--no-defaults", $"--datadir={data}", .. asUser, "--auth-root-authentication-method=normal", "--skip-test-db"],
                TimeSpan.FromMinutes(2));

            var (server, port) = await ServerProcess.StartOnFreePortAsync("MariaDB", port => (mariadbd,
            [
                "--no-defaults", $"--datadir={data}", $"--port={port}", "--bind-address=127.0.0.1",
                $"--socket={Path.Combine(folder.Path, "mariadbd.sock")}", $"--pid-file={Path.Combine(folder.Path, "mariadbd.pid")}",
                .. asUser, "--skip-name-resolve", "--max-connections=400", "--back-log=1000",
                "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0", "--innodb-buffer-pool-size=64M",
            ]), ready: "ready for connections", portTaken: "Bind on TCP/IP port", ServerProcess.SigTerm, folder.Path);
            var started = new MariaDbServer(folder, server, port);
            try
            {
                await started.CreateUserAsync();
            }
            catch
            {
                server.Dispose();
                throw;
            }
            return started;
        }
        catch (Exception e)
        {
            folder.Dispose();
            throw new InvalidOperationException($"MariaDB could not be started for the tests (scripts/install-test-deps.sh installs Debian's mariadb-server): {e.Message}", e);
        }
    }

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "pictor_" + Guid.NewGuid().ToString("N")[..16];
        await AdminAsync($"CREATE DATABASE `{name}`");
        return name;
    }

    public async Task<DbConnection> OpenAsync(string database)
    {
        var connection = new MySqlConnection(ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var ansi = new MySqlCommand("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')", connection);
        await ansi.ExecuteNonQueryAsync();
        return connection;
    }

    public void ClearPool(string database) => MySqlConnection.ClearPool(new MySqlConnection(ConnectionString(database)));

    public void Dispose()
    {
        MySqlConnection.ClearAllPools();
        _server.Stop(ServerProcess.SigTerm, TimeSpan.FromSeconds(15)); // normal shutdown
        _folder.Dispose();
        _server.Dispose();
    }

    /// <summary>The account Pictor uses: all rights on the test databases (<c>pictor_*</c>), none elsewhere.</summary>
    private Task CreateUserAsync() => AdminAsync(
        $"CREATE USER '{User}'@'127.0.0.1' IDENTIFIED BY '{Password}'",
        $"GRANT ALL ON `pictor\\_%`.* TO '{User}'@'127.0.0.1'");

    private async Task AdminAsync(params string[] statements)
    {
        // mariadb-install-db made root@127.0.0.1 without a password (--auth-root-authentication-method=normal).
        await using var admin = new MySqlConnection($"Server=127.0.0.1;Port={Port};Uid=root;SslMode=Disabled;Pooling=false");
        await admin.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new MySqlCommand(statement, admin);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// Debian installs <c>mariadb-install-db</c> in /usr/bin and <c>mariadbd</c> in /usr/sbin.
    /// PICTOR_MARIADB_BIN names one folder holding both instead.
    /// </summary>
    private static (string InstallDb, string Server) Binaries()
    {
        string[] folders = Environment.GetEnvironmentVariable("PICTOR_MARIADB_BIN") is { Length: > 0 } configured
            ? [configured]
            : ["/usr/sbin", "/usr/bin"];
        string Find(string name) =>
            folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"{name} not found in {string.Join(" or ", folders)}: install Debian's mariadb-server package (scripts/install-test-deps.sh) or set PICTOR_MARIADB_BIN.");
        return (Find("mariadb-install-db"), Find("mariadbd"));
    }
}
