using System.Net;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

/// <summary>The configuration keys of API.md change behaviour as documented.</summary>
public abstract class ConfigurationTests<TBackend>(TBackend backend) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");

    [Fact]
    public async Task Sizes_outside_AllowedSizes_are_403_and_listed_ones_are_served()
    {
        await using var factory = await backend.NewAsync(new Dictionary<string, string?>
        {
            ["Pictor:AllowedSizes:0"] = "100x100",
            ["Pictor:AllowedSizes:1"] = "640x480",
        });
        var client = factory.Client();
        await client.UploadOkAsync("pic", Jpeg);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/derived/pic-100x100.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/derived/pic-640x480.png")).StatusCode);
        var problem = await (await client.GetAsync("/derived/pic-101x100.jpg")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("100x100", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Cache_MaxAgeSeconds_sets_the_derived_max_age()
    {
        await using var factory = await backend.NewAsync(new Dictionary<string, string?> { ["Pictor:Cache:MaxAgeSeconds"] = "600" });
        var client = factory.Client();
        await client.UploadOkAsync("pic", Jpeg);
        var response = await client.GetAsync("/derived/pic-10x10.jpg");
        Assert.Equal(TimeSpan.FromSeconds(600), response.Headers.CacheControl!.MaxAge);
    }

    [Fact]
    public async Task Jpeg_Quality_changes_the_encoder_quality()
    {
        await using var low = await backend.NewAsync(new Dictionary<string, string?> { ["Pictor:Jpeg:Quality"] = "20" });
        await using var standard = await backend.NewAsync();
        var lowBytes = await DeriveAsync(low);
        var standardBytes = await DeriveAsync(standard);
        Assert.True(lowBytes.Length * 1.5 < standardBytes.Length, $"q20: {lowBytes.Length} bytes, default (80): {standardBytes.Length} bytes");

        static async Task<byte[]> DeriveAsync(PictorFactory factory)
        {
            var client = factory.Client();
            await client.UploadOkAsync("q", Corpus.Bytes("bench/harvesters-2725x2225.jpg"));
            return await client.GetByteArrayAsync("/derived/q-600x400.jpg");
        }
    }

    [Fact]
    public async Task Uploads_over_MaxUploadBytes_are_413_for_post_and_put()
    {
        await using var factory = await backend.NewAsync(new Dictionary<string, string?> { ["Pictor:Limits:MaxUploadBytes"] = "100000" });
        var client = factory.Client();
        var big = Corpus.Bytes("bench/harvesters-2725x2225.jpg");
        await (await client.UploadAsync("big", big)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await client.PutRawAsync("big", big)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        // Without a Content-Length the limit is enforced while streaming.
        var chunked = new StreamContent(new MemoryStream(big));
        chunked.Headers.ContentLength = null;
        var request = new HttpRequestMessage(HttpMethod.Put, "/original/big") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await (await client.SendAsync(request)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await client.GetAsync("/original/big")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Created, (await client.UploadAsync("small", Corpus.Bytes("wuffs/hat.jpeg"))).StatusCode);
    }

    [Fact]
    public async Task Images_over_MaxPixels_are_422_from_the_header()
    {
        await using var factory = await backend.NewAsync(new Dictionary<string, string?> { ["Pictor:Limits:MaxPixels"] = "10000" });
        var client = factory.Client();
        var problem = await (await client.UploadAsync("wide", Pixels.Solid(101, 100))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("MaxPixels", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, (await client.UploadAsync("fits", Pixels.Solid(100, 100))).StatusCode);
    }

    [Fact]
    public async Task Animation_frames_count_towards_MaxPixels()
    {
        await using var factory = await backend.NewAsync(new Dictionary<string, string?> { ["Pictor:Limits:MaxPixels"] = "5000" });
        var client = factory.Client();
        // animated-red-blue.gif: 64×48 × 4 frames = 12,288 pixels, one frame alone 3,072.
        await (await client.UploadAsync("anim", Corpus.Bytes("wuffs/animated-red-blue.gif"))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task MaxDimension_bounds_derived_sizes()
    {
        await using var factory = await backend.NewAsync(new Dictionary<string, string?> { ["Pictor:Limits:MaxDimension"] = "500" });
        var client = factory.Client();
        await client.UploadOkAsync("pic", Jpeg);
        await (await client.GetAsync("/derived/pic-501x10.jpg")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/derived/pic-500x10.jpg")).StatusCode);
    }

    [Fact]
    public async Task Production_without_api_keys_refuses_every_write()
    {
        await using var factory = await backend.NewAsync(new Dictionary<string, string?> { ["Pictor:ApiKeys:0"] = "" });
        var problem = await (await factory.Client().UploadAsync("x", Jpeg)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Pictor:ApiKeys", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Development_opens_writes_so_a_newcomer_can_try_at_once()
    {
        await using var factory = await backend.NewAsync(new Dictionary<string, string?> { ["Pictor:ApiKeys:0"] = "" }, environment: "Development");
        Assert.Equal(HttpStatusCode.Created, (await factory.AnonymousClient().UploadAsync("x", Jpeg)).StatusCode);
    }

    [Fact]
    public async Task AllowAnonymousWrites_opens_writes_explicitly()
    {
        await using var factory = await backend.NewAsync(new Dictionary<string, string?> { ["Pictor:AllowAnonymousWrites"] = "true" });
        Assert.Equal(HttpStatusCode.Created, (await factory.AnonymousClient().UploadAsync("x", Jpeg)).StatusCode);
    }
}
