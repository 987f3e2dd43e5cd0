using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Cluster;

/// <summary>Two Pictor instances on one database and bucket, behind nginx running deploy/nginx.</summary>
public sealed class BalancedCluster : IAsyncLifetime, IAsyncDisposable
{
    private PictorCluster? _cluster;
    private NginxServer? _nginx;

    public PictorCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public NginxServer Nginx => _nginx ?? throw new InvalidOperationException("not started");

    public static async Task<BalancedCluster> StartAsync(IDictionary<string, string>? settings = null)
    {
        var balanced = new BalancedCluster();
        await balanced.StartCoreAsync(settings);
        return balanced;
    }

    public Task InitializeAsync() => StartCoreAsync(null);

    public async ValueTask DisposeAsync()
    {
        _nginx?.Dispose();
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private async Task StartCoreAsync(IDictionary<string, string>? settings)
    {
        _cluster = await PictorCluster.StartAsync(2, settings);
        _nginx = await NginxServer.StartAsync(_cluster.Instances.Select(i => i.Port));
    }
}
