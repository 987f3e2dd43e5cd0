using Npgsql;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// The real service in-process on the cluster backend: PostgreSQL and S3 (the shared test servers), with a
/// database and a bucket of its own. Settings are the ones an operator writes for cluster mode.
/// </summary>
public class ClusterFactory : PictorFactory
{
    private PostgresServer? _postgres;
    private S3Server? _s3;

    protected ClusterFactory(IDictionary<string, string?>? settings = null, string environment = "Production")
        : base(settings, environment)
    {
    }

    public string Database { get; private set; } = "";

    public string Bucket { get; private set; } = "";

    public static async Task<ClusterFactory> StartAsync(IDictionary<string, string?>? settings = null, string environment = "Production")
    {
        var factory = new ClusterFactory(settings, environment);
        await factory.ProvisionAsync();
        return factory;
    }

    public override async Task<PictorFactory> NewAsync(IDictionary<string, string?>? settings = null, string environment = "Production") =>
        await StartAsync(settings, environment);

    public override IReadOnlyList<string> BlobFiles() => Task.Run(() => S3.KeysAsync(Bucket)).GetAwaiter().GetResult();

    private S3Server S3 => _s3 ?? throw new InvalidOperationException("Provision the factory first.");

    /// <summary>Creates the database and the bucket, and points the settings at them.</summary>
    protected async Task ProvisionAsync()
    {
        _postgres = await TestServers.PostgresAsync();
        _s3 = await TestServers.S3Async();
        Database = await _postgres.CreateDatabaseAsync();
        Bucket = await _s3.CreateBucketAsync();
        Set("Pictor:Database:Provider", "postgres");
        Set("Pictor:Database:ConnectionString", _postgres.ConnectionString(Database));
        foreach (var (key, value) in _s3.Settings(Bucket)) Set(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // Idle pooled connections would otherwise pile up on the shared server, one pool per test database.
        if (disposing && _postgres is not null) NpgsqlConnection.ClearPool(new NpgsqlConnection(_postgres.ConnectionString(Database)));
    }
}

/// <summary>A <see cref="ClusterFactory"/> with default settings, shared by the tests of one class.</summary>
public sealed class ClusterFixture : ClusterFactory, IAsyncLifetime
{
    public Task InitializeAsync() => ProvisionAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
