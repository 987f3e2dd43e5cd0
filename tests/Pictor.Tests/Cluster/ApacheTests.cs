using System.Diagnostics;
using System.Net;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Cluster;

/// <summary>
/// The deployment of deploy/apache: Apache's cache status is the first word of its <c>X-Cache</c> header
/// (<c>CacheHeader on</c>: "HIT from host", "MISS …", "REVALIDATE …"); a request that went past the
/// cache without it (a first request while another one holds the cache lock of its URL) has none.
/// </summary>
public sealed class ApacheTests(ApacheCluster balanced, ITestOutputHelper output) : FrontEndTests<ApacheCluster>(balanced, output)
{
    protected override string Name => "Apache";

    protected override string Hit => "HIT";

    protected override string Revalidated => "REVALIDATE";

    protected override string CacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Cache", out var values) ? values.Single().Split(' ')[0] : "none";

    /// <summary>
    /// Where Apache differs from nginx: it never resends a request whose instance died under it. On a
    /// kept-alive client connection it closes the connection without an answer, so that the client
    /// resends it (the inherited kill test: .NET's HttpClient does, as browsers and curl do); on a
    /// connection's first request it answers 502. The next request goes to the surviving instance.
    /// </summary>
    [Fact]
    public async Task Kill_9_of_the_instance_generating_the_first_request_of_a_connection_answers_502_and_the_next_request_is_served()
    {
        await using var own = await BalancedCluster.StartAsync<ApacheCluster>(new Dictionary<string, string> { ["Pictor:Derivation:LeaseSeconds"] = "3" });
        await own.FrontEnd.Client().UploadOkAsync("killed", Corpus.Bytes("bench/harvesters-4032x3024.jpg"));

        using var fresh = own.FrontEnd.Client(); // a connection of its own
        var request = fresh.GetAsync("/derived/killed-1400x1050.avif");
        var generating = await GeneratingInstanceAsync(own.Cluster, TimeSpan.FromSeconds(30));
        own.Cluster.Instances[generating].Kill();
        var broken = await request;
        Assert.Equal(HttpStatusCode.BadGateway, broken.StatusCode);

        var clock = Stopwatch.StartNew();
        using var next = own.FrontEnd.Client();
        var response = await next.GetAsync("/derived/killed-1400x1050.avif");
        Output.WriteLine($"instance {generating} killed mid-generation: Apache answered that connection's first request 502; the next request answered {(int)response.StatusCode} {clock.Elapsed.TotalSeconds:F2} s later");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1400, 1050), Pixels.Size(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(1, await own.Cluster.Instances[1 - generating].Client().GeneratedAsync());
    }
}
