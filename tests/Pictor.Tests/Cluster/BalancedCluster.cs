using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Cluster;

/// <summary>Two Pictor instances on one database and bucket, behind a front end running deploy/.</summary>
public abstract class BalancedCluster : IAsyncLifetime, IAsyncDisposable
{
    private PictorCluster? _cluster;
    private FrontEndServer? _frontEnd;

    public PictorCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public FrontEndServer FrontEnd => _frontEnd ?? throw new InvalidOperationException("not started");

    /// <summary>A cluster of its own (say, with other settings), for a test that ends an instance.</summary>
    public static async Task<TCluster> StartAsync<TCluster>(IDictionary<string, string>? settings = null)
        where TCluster : BalancedCluster, new()
    {
        var balanced = new TCluster();
        try
        {
            await balanced.StartCoreAsync(settings);
        }
        catch
        {
            await balanced.DisposeAsync();
            throw;
        }
        return balanced;
    }

    public Task InitializeAsync() => StartCoreAsync(null);

    public async ValueTask DisposeAsync()
    {
        _frontEnd?.Dispose();
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected abstract Task<FrontEndServer> StartFrontEndAsync(IReadOnlyList<int> instancePorts);

    private async Task StartCoreAsync(IDictionary<string, string>? settings)
    {
        _cluster = await PictorCluster.StartAsync(2, settings);
        _frontEnd = await StartFrontEndAsync([.. _cluster.Instances.Select(i => i.Port)]);
    }
}
