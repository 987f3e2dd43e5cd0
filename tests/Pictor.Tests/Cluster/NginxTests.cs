using Xunit.Abstractions;

namespace Pictor.Tests.Cluster;

/// <summary>The deployment of deploy/nginx: nginx's cache status is its <c>X-Cache-Status</c> header.</summary>
public sealed class NginxTests(NginxCluster balanced, ITestOutputHelper output) : FrontEndTests<NginxCluster>(balanced, output)
{
    protected override string Name => "nginx";

    protected override string Hit => "HIT";

    protected override string Revalidated => "REVALIDATED";

    protected override string CacheStatus(HttpResponseMessage response) => response.Headers.GetValues("X-Cache-Status").Single();
}
