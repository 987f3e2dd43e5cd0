using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Cluster;

/// <summary>Two instances behind nginx running deploy/nginx.</summary>
public sealed class NginxCluster : BalancedCluster
{
    protected override Task<FrontEndServer> StartFrontEndAsync(IReadOnlyList<int> instancePorts) => NginxServer.StartAsync(instancePorts);
}
