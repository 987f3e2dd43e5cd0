using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Cluster;

/// <summary>
/// The deployment of deploy/: a front end (Debian's nginx or Apache httpd, with the configuration of
/// deploy/) in front of two instances on PostgreSQL and S3. Balancing, uploads streamed through, caching
/// of derived images, deletes and re-uploads through the cache, and an instance killed in the middle
/// of a generation. Each front end's class says how it names its cache statuses.
/// </summary>
public abstract class FrontEndTests<TCluster>(TCluster balanced, ITestOutputHelper output) : IClassFixture<TCluster>
    where TCluster : BalancedCluster, new()
{
    private const string RequestsOk = "pictor_http_requests_total{method=\"GET\",code=\"200\"}";
    private readonly HttpClient _client = balanced.FrontEnd.Client();

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>The front end's name, for the output.</summary>
    protected abstract string Name { get; }

    /// <summary>What the front end's cache status says when it answers from the cache without asking an instance.</summary>
    protected abstract string Hit { get; }

    /// <summary>What the front end's cache status says when an instance confirmed a stale copy.</summary>
    protected abstract string Revalidated { get; }

    /// <summary>The front end's cache status of a response (its header, in its words).</summary>
    protected abstract string CacheStatus(HttpResponseMessage response);

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Requests_reach_both_instances_and_a_derived_image_is_generated_once_then_served_from_the_cache()
    {
        var (a, b) = (balanced.Cluster.Instances[0].Client(), balanced.Cluster.Instances[1].Client());
        var id = NewId("lb");
        await _client.UploadOkAsync(id, Corpus.Bytes("bench/harvesters-2725x2225.jpg"));

        var (okA, okB) = (await a.CounterAsync(RequestsOk), await b.CounterAsync(RequestsOk));
        for (var i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/original/{id}")).StatusCode);
        var (servedA, servedB) = (await a.CounterAsync(RequestsOk) - okA - 1, await b.CounterAsync(RequestsOk) - okB - 1); // less our own first read
        Output.WriteLine($"20 GETs through {Name}: {servedA} served by A, {servedB} by B");
        Assert.True(servedA > 0 && servedB > 0, $"A served {servedA}, B {servedB}");

        var (generatedA, generatedB) = (await a.GeneratedAsync(), await b.GeneratedAsync());
        var url = $"/derived/{id}-500x400.webp";
        var clock = Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => _client.GetAsync(url)));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsByteArrayAsync()));
        clock.Stop();
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(bodies, body => Assert.Equal(bodies[0], body));
        var generated = await a.GeneratedAsync() - generatedA + await b.GeneratedAsync() - generatedB;
        var statuses = responses.GroupBy(CacheStatus).Select(g => $"{g.Count()} {g.Key}");
        Output.WriteLine($"30 concurrent GETs of a new derived image through {Name} in {clock.ElapsedMilliseconds} ms: {generated} generation; cache: {string.Join(", ", statuses)}");
        Assert.Equal(1, generated);

        var (servedDerivedA, servedDerivedB) = (await a.CounterAsync(RequestsOk), await b.CounterAsync(RequestsOk));
        var cached = await CachedAsync(url); // a hit: the front end's copy, at most revalidated (304s), not a 200
        Assert.Equal(bodies[0], await cached.Content.ReadAsByteArrayAsync());
        Assert.Contains("max-age=31536000", cached.Headers.CacheControl!.ToString()); // clients still get Pictor's lifetime
        Assert.Equal(servedDerivedA + servedDerivedB + 2, await a.CounterAsync(RequestsOk) + await b.CounterAsync(RequestsOk)); // our two reads of /metrics only
    }

    [Fact]
    public async Task An_upload_streams_through_to_an_instance_while_the_client_is_still_sending_it_and_its_bytes_round_trip()
    {
        var id = NewId("stream");
        var jpeg = Corpus.Bytes("bench/harvesters-4032x3024.jpg");
        var arrived = 0L;
        var content = new HeldBackContent(jpeg, jpeg.Length / 2, async () => arrived = await SpooledAsync(jpeg.Length / 4, TimeSpan.FromSeconds(30)));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");

        var response = await _client.PutAsync($"/original/{id}", content);
        Output.WriteLine($"{arrived:N0} of the {jpeg.Length:N0} bytes were on an instance's disk while the client held back the second half; PUT answered {(int)response.StatusCode}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(jpeg, await _client.GetByteArrayAsync($"/original/{id}"));
    }

    [Fact]
    public async Task A_delete_and_a_reupload_are_seen_through_the_cache_within_its_freshness_and_revalidation_costs_no_generation()
    {
        var id = NewId("stale");
        var url = $"/derived/{id}-40x30.png";
        await _client.UploadOkAsync(id, Pixels.Solid(80, 60, ".png", [255, 0, 0]));
        var red = await _client.GetByteArrayAsync(url);
        await CachedAsync(url);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/original/{id}")).StatusCode);
        var gone = await UntilAsync(async () => (await _client.GetAsync(url)).StatusCode == HttpStatusCode.NotFound);
        Output.WriteLine($"after DELETE, {Name} answered 404 after {gone.TotalMilliseconds:F0} ms");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(url)).StatusCode);

        await _client.UploadOkAsync(id, Pixels.Solid(80, 60, ".png", [0, 255, 0]));
        var replaced = await UntilAsync(async () =>
        {
            var response = await _client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.NotFound) return false;
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.NotEqual(red, bytes); // once the front end has seen the delete, the old bytes never come back
            return IsGreen(bytes);
        });
        Output.WriteLine($"after the re-upload, {Name} served the new bytes after {replaced.TotalMilliseconds:F0} ms");
        Assert.NotEqual(red, await _client.GetByteArrayAsync(url));

        // Once stale, the entry is revalidated: the instance answers 304 from its database, nothing is generated.
        var generated = await GeneratedAsync();
        var notModified = await NotModifiedAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.1));
        var revalidated = await _client.GetAsync(url);
        Assert.Equal(Revalidated, CacheStatus(revalidated));
        Assert.True(IsGreen(await revalidated.Content.ReadAsByteArrayAsync()));
        Assert.Equal(generated, await GeneratedAsync());
        Assert.Equal(notModified + 1, await NotModifiedAsync());
    }

    [Fact]
    public async Task Kill_9_of_the_instance_generating_behind_the_front_end_and_the_clients_request_still_completes()
    {
        await using var own = await BalancedCluster.StartAsync<TCluster>(new Dictionary<string, string> { ["Pictor:Derivation:LeaseSeconds"] = "3" });
        var client = own.FrontEnd.Client();
        await client.UploadOkAsync("killed", Corpus.Bytes("bench/harvesters-4032x3024.jpg"));

        var request = client.GetAsync("/derived/killed-1400x1050.avif");
        var generating = await GeneratingInstanceAsync(own.Cluster, TimeSpan.FromSeconds(30));
        var survivor = own.Cluster.Instances[1 - generating];
        Assert.False(request.IsCompleted);
        var sinceKill = Stopwatch.StartNew();
        own.Cluster.Instances[generating].Kill();
        var response = await request;
        Output.WriteLine($"behind {Name}: instance {generating} killed mid-generation; the client's request answered {(int)response.StatusCode} {sinceKill.Elapsed.TotalSeconds:F2} s later");
        Output.WriteLine($"{Name} logged:\n{own.FrontEnd.Log}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1400, 1050), Pixels.Size(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(1, await survivor.Client().GeneratedAsync());
    }

    /// <summary>
    /// A cache hit on <paramref name="url"/>, once the cache holds it: after at most one revalidation,
    /// since Apache counts the time the request that stored it took (a generation) in the copy's age,
    /// as HTTP's age rules say, so a copy that took longer than its freshness to fetch is stale at once.
    /// On a slow machine a copy can also go stale (1 s) between two requests, so a few revalidations are allowed;
    /// each is a 304 from an instance, never a generation or a 200.
    /// </summary>
    private async Task<HttpResponseMessage> CachedAsync(string url)
    {
        var response = await _client.GetAsync(url);
        for (var attempt = 0; attempt < 5 && CacheStatus(response) == Revalidated; attempt++) response = await _client.GetAsync(url);
        Assert.Equal(Hit, CacheStatus(response));
        return response;
    }

    private async Task<long> GeneratedAsync() =>
        await balanced.Cluster.Instances[0].Client().GeneratedAsync() + await balanced.Cluster.Instances[1].Client().GeneratedAsync();

    private const string NotModified = "pictor_http_requests_total{method=\"GET\",code=\"304\"}";

    private async Task<long> NotModifiedAsync() =>
        await balanced.Cluster.Instances[0].Client().CounterOrZeroAsync(NotModified) + await balanced.Cluster.Instances[1].Client().CounterOrZeroAsync(NotModified);

    /// <summary>Waits until an upload in an instance's temp folder holds at least <paramref name="bytes"/>; returns its length.</summary>
    private async Task<long> SpooledAsync(long bytes, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            for (var i = 0; i < balanced.Cluster.Instances.Count; i++)
            {
                var tmp = Path.Combine(balanced.Cluster.DataDirectory(i), "tmp");
                var longest = Directory.Exists(tmp)
                    ? Directory.EnumerateFiles(tmp, "*.upload", SearchOption.AllDirectories).Select(f => new FileInfo(f).Length).DefaultIfEmpty().Max()
                    : 0;
                if (longest >= bytes) return longest;
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"{Name} held the upload back: no instance received {bytes:N0} bytes of it within {timeout}");
    }

    /// <summary>The instance whose temp folder holds the downloaded original of a derive in progress.</summary>
    protected static async Task<int> GeneratingInstanceAsync(PictorCluster cluster, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            for (var i = 0; i < cluster.Instances.Count; i++)
            {
                var tmp = Path.Combine(cluster.DataDirectory(i), "tmp");
                if (Directory.Exists(tmp) && Directory.EnumerateFiles(tmp, "*.blob", SearchOption.AllDirectories).Any()) return i;
            }
            await Task.Delay(5);
        }
        throw new TimeoutException("no instance started the derive");
    }

    private async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            // One second of freshness counted in whole seconds is under two; the rest is slack for a loaded machine.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"{Name} kept serving the old state for longer than its freshness allows");
            await Task.Delay(25);
        }
        return clock.Elapsed;
    }

    private static bool IsGreen(byte[] image)
    {
        using var loaded = Pixels.Load(image);
        var pixel = loaded.Getpoint(loaded.Width / 2, loaded.Height / 2);
        return pixel[1] > 200 && pixel[0] < 50;
    }
}
