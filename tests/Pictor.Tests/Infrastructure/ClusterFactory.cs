namespace Pictor.Tests.Infrastructure;

/// <summary>
/// The real service in-process on a cluster backend: PostgreSQL or MariaDB, and S3 (the shared test servers),
/// with a database and a bucket of its own. Settings are the ones an operator writes for cluster mode.
/// </summary>
public class ClusterFactory : PictorFactory
{
    private readonly DatabaseBackend _backend;
    private ClusterStores? _stores;

    protected ClusterFactory(IDictionary<string, string?>? settings = null, string environment = "Production", DatabaseBackend backend = DatabaseBackend.Postgres)
        : base(settings, environment)
    {
        _backend = backend;
    }

    public ClusterStores Stores => _stores ?? throw new InvalidOperationException("Provision the factory first.");

    public static async Task<ClusterFactory> StartAsync(
        IDictionary<string, string?>? settings = null, string environment = "Production", DatabaseBackend backend = DatabaseBackend.Postgres)
    {
        var factory = new ClusterFactory(settings, environment, backend);
        await factory.ProvisionAsync();
        return factory;
    }

    /// <summary>Another instance on the same database and bucket (in-process: its own services, single flight and metrics).</summary>
    public ClusterFactory Sibling(IDictionary<string, string?>? settings = null)
    {
        var sibling = new ClusterFactory(settings, Environment, _backend);
        sibling.Use(Stores);
        return sibling;
    }

    public override async Task<PictorFactory> NewAsync(IDictionary<string, string?>? settings = null, string environment = "Production") =>
        await StartAsync(settings, environment, _backend);

    public override IReadOnlyList<string> BlobFiles() => Task.Run(Stores.KeysAsync).GetAwaiter().GetResult();

    /// <summary>Creates the database and the bucket, and points the settings at them.</summary>
    protected async Task ProvisionAsync() => Use(await ClusterStores.CreateAsync(_backend));

    private void Use(ClusterStores stores)
    {
        _stores = stores;
        foreach (var (key, value) in stores.Settings()) Set(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _stores?.ClearPool();
    }
}

/// <summary>A <see cref="ClusterFactory"/> on PostgreSQL with default settings and the scoped keys, shared by the tests of one class.</summary>
public sealed class ClusterFixture() : ClusterFactory(ScopedKeys()), IAsyncLifetime
{
    public Task InitializeAsync() => ProvisionAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
