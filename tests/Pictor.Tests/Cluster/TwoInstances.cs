using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Cluster;

/// <summary>Two Pictor processes on one database and one S3 bucket, shared by the tests of a class.</summary>
public abstract class TwoInstances(DatabaseBackend backend) : IAsyncLifetime
{
    private PictorCluster? _cluster;

    public PictorCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public ClusterStores Stores => Cluster.Stores;

    public PictorProcess A => Cluster.Instances[0];

    public PictorProcess B => Cluster.Instances[1];

    public async Task InitializeAsync() => _cluster = await PictorCluster.StartAsync(2, backend: backend);

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
