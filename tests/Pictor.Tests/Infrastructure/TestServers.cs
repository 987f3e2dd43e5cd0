namespace Pictor.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL, MariaDB and S3 servers of a test run: started by the first test that needs them, shared by all
/// (each test gets its own database and bucket), stopped at the end of the run. A server that cannot start
/// fails every test that needs it, with the reason; nothing is skipped.
/// </summary>
public static class TestServers
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lock Gate = new();
    private static Task<PostgresServer>? _postgres;
    private static Task<MariaDbServer>? _mariadb;
    private static Task<S3Server>? _s3;
    private static Task? _stopping;

    // The runner disposes the test framework at the end of the run (PictorTestFramework), but does not wait
    // for it: the host may be exiting meanwhile, and exit waits here for that stop to finish.
    static TestServers() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();

    public static Task<PostgresServer> PostgresAsync()
    {
        lock (Gate) return _postgres ??= Task.Run(PostgresServer.StartAsync);
    }

    public static Task<MariaDbServer> MariaDbAsync()
    {
        lock (Gate) return _mariadb ??= Task.Run(MariaDbServer.StartAsync);
    }

    public static async Task<IDatabaseServer> DatabaseAsync(DatabaseBackend backend) => backend switch
    {
        DatabaseBackend.Postgres => await PostgresAsync(),
        DatabaseBackend.MariaDb => await MariaDbAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(backend)),
    };

    public static Task<S3Server> S3Async()
    {
        lock (Gate) return _s3 ??= Task.Run(S3Server.StartAsync);
    }

    /// <summary>Stops whatever was started; concurrent callers wait for the same stop.</summary>
    public static void StopAll()
    {
        Task stopping;
        lock (Gate) stopping = _stopping ??= Task.Run(StopStarted);
        stopping.Wait(StopTimeout);
    }

    private static void StopStarted()
    {
        Task<PostgresServer>? postgres;
        Task<MariaDbServer>? mariadb;
        Task<S3Server>? s3;
        lock (Gate)
        {
            (postgres, _postgres) = (_postgres, null);
            (mariadb, _mariadb) = (_mariadb, null);
            (s3, _s3) = (_s3, null);
        }
        // A start still under way finishes first, so that nothing it starts outlives the run.
        try { postgres?.GetAwaiter().GetResult().Dispose(); } catch (InvalidOperationException) { }
        try { mariadb?.GetAwaiter().GetResult().Dispose(); } catch (InvalidOperationException) { }
        try { s3?.GetAwaiter().GetResult().Dispose(); } catch (InvalidOperationException) { }
        lock (Gate) _stopping = null;
    }
}
