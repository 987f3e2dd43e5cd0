using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Cluster;

/// <summary>
/// Two Pictor processes on one PostgreSQL database and one S3 bucket, each with its own local data
/// directory, started at the same moment on an empty database (so they also race to migrate it).
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    private readonly TempFolder _dataA = new("pictor-instance-a");
    private readonly TempFolder _dataB = new("pictor-instance-b");

    public ClusterStores Stores { get; private set; } = null!;

    public PictorProcess A { get; private set; } = null!;

    public PictorProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stores = await ClusterStores.CreateAsync();
        var a = PictorProcess.StartAsync(Stores.InstanceSettings(_dataA.Path));
        var b = PictorProcess.StartAsync(Stores.InstanceSettings(_dataB.Path));
        try
        {
            await Task.WhenAll(a, b);
        }
        finally
        {
            // Whichever did start is stopped by DisposeAsync, even when the other failed.
            if (a.IsCompletedSuccessfully) A = a.Result;
            if (b.IsCompletedSuccessfully) B = b.Result;
        }
    }

    public async Task DisposeAsync()
    {
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        Stores?.ClearPool();
        _dataA.Dispose();
        _dataB.Dispose();
    }
}
