using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Cluster;

/// <summary>Two instances behind Apache httpd running deploy/apache.</summary>
public sealed class ApacheCluster : BalancedCluster
{
    protected override Task<FrontEndServer> StartFrontEndAsync(IReadOnlyList<int> instancePorts) => ApacheServer.StartAsync(instancePorts);
}
