using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

/// <summary>
/// pymager compatibility: the status codes pymager's clients (pymager-java among them) turn into exceptions —
/// 400 "bad upload request", 403 "forbidden request", 404 "resource does not exist", 409 "image already exists" —
/// on pymager's own URLs, the Basic challenge they answer, and pymager's stress tests.
/// </summary>
public abstract class PymagerCompatibilityTests<TBackend>(TBackend factory) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");
    private static readonly byte[] Png = Corpus.Bytes("wuffs/hat.png");
    private readonly HttpClient _client = factory.Client();

    private static string NewId() => "pm_" + Guid.NewGuid().ToString("N")[..12];

    private async Task<string> UploadedAsync()
    {
        var id = NewId();
        await _client.UploadOkAsync(id, Jpeg);
        return id;
    }

    public static TheoryData<string, string> NotImages() => new()
    {
        { "text", "text/plain" },
        { "ppm", "pnm (PIL took it; Pictor does not)" },
        { "svg", "svg" },
        { "truncated-jpeg", "truncated" },
        { "truncated-png", "truncated" },
        { "empty", "empty" },
    };

    private static byte[] NotImage(string kind) => kind switch
    {
        "text" => "this is not an image, whatever the file name says"u8.ToArray(),
        "ppm" => Corpus.Bytes("wuffs/peacock.ppm"),
        "svg" => Corpus.Bytes("wuffs/hibiscus.primitive.svg"),
        "truncated-jpeg" => Corpus.Bytes("wuffs/peacock.default.truncated.jpeg"),
        "truncated-png" => Corpus.Bytes("wuffs/hippopotamus.regular.truncated.png"),
        "empty" => [],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(NotImages))]
    public async Task An_upload_that_is_not_a_supported_image_is_400_on_POST_and_PUT(string kind, string why)
    {
        var bytes = NotImage(kind);
        var id = NewId();
        await (await _client.UploadAsync(id, bytes, "photo.jpg")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.PutRawAsync(id, bytes)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.GetAsync($"/original/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.NotEmpty(why);
    }

    [Theory]
    [InlineData("10000x10000")]
    [InlineData("25000x25000")]
    [InlineData("8193x100")]
    [InlineData("0x100")]
    [InlineData("100x0")]
    [InlineData("0x0")]
    [InlineData("99999999999999999999x1")]
    public async Task A_size_that_is_not_allowed_is_403(string size)
    {
        var id = await UploadedAsync();
        var problem = await (await _client.GetAsync($"/derived/{id}-{size}.jpg")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.EndsWith("/size-not-allowed", problem.GetProperty("type").GetString());
        // HEAD answers the same status.
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/derived/{id}-{size}.jpg"))).StatusCode);
    }

    [Fact]
    public async Task A_size_outside_AllowedSizes_is_403_and_an_allowed_one_200()
    {
        await using var restricted = await factory.NewAsync(new Dictionary<string, string?> { ["Pictor:AllowedSizes:0"] = "100x100" });
        var client = restricted.Client();
        await client.UploadOkAsync("pic", Jpeg);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/derived/pic-100x100.jpg")).StatusCode);
        await (await client.GetAsync("/derived/pic-100x101.jpg")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/derived/pic-10000x10000.jpg")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("{id}-10x10")]              // no extension
    [InlineData("{id}-10x10.")]
    [InlineData("{id}-10x10.jp2")]          // pymager's extension is letters only
    [InlineData("{id}-10X10.jpg")]
    [InlineData("{id}-x10.jpg")]
    [InlineData("{id}--10x10.jpg")]         // negative size: no match for the size, the ID ends in '-'... of another ID
    [InlineData("{id}.x-10x10.jpg")]        // ID with a character outside [A-Za-z0-9_-]
    [InlineData("{id}~-10x10.jpg")]
    [InlineData("{id}%20-10x10.jpg")]
    [InlineData("no_size.jpg")]
    public async Task A_name_that_does_not_decode_is_404(string name)
    {
        var id = await UploadedAsync();
        var problem = await (await _client.GetAsync("/derived/" + name.Replace("{id}", id))).ProblemAsync(HttpStatusCode.NotFound);
        Assert.EndsWith("/not-found", problem.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("bmp")]
    [InlineData("exe")]
    [InlineData("svg")]
    public async Task An_unknown_extension_on_a_decodable_name_is_400(string ext)
    {
        var id = await UploadedAsync();
        await (await _client.GetAsync($"/derived/{id}-10x10.{ext}")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_originals_are_404_for_reads_derives_and_deletes()
    {
        var id = NewId();
        await (await _client.GetAsync($"/original/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/derived/{id}-10x10.jpg")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.DeleteAsync($"/original/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_second_POST_of_an_ID_is_409()
    {
        var id = await UploadedAsync();
        await (await _client.UploadAsync(id, Png)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(Jpeg, await _client.GetByteArrayAsync($"/original/{id}"));
    }

    [Fact]
    public async Task A_client_that_answers_the_Basic_challenge_with_any_user_and_the_key_can_write()
    {
        var anonymous = factory.AnonymousClient();
        var id = NewId();
        // 1. The client tries without credentials and is challenged for Basic.
        var challenge = await anonymous.UploadAsync(id, Jpeg);
        await challenge.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(challenge.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        Assert.Equal("Basic", challenge.Headers.WwwAuthenticate.First().Scheme);

        // 2. It answers with test:KEY (pymager-java's style), then writes, replaces and deletes.
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("test:test-key-0123456789"u8.ToArray()));
        var post = new HttpRequestMessage(HttpMethod.Post, $"/original/{id}") { Content = Http.Multipart(Jpeg) };
        post.Headers.Authorization = basic;
        Assert.Equal(HttpStatusCode.Created, (await anonymous.SendAsync(post)).StatusCode);
        var delete = new HttpRequestMessage(HttpMethod.Delete, $"/original/{id}");
        delete.Headers.Authorization = basic;
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.SendAsync(delete)).StatusCode);

        // A wrong password is refused and challenged again.
        var wrong = new HttpRequestMessage(HttpMethod.Post, $"/original/{id}") { Content = Http.Multipart(Jpeg) };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("test:test"u8.ToArray()));
        var refused = await anonymous.SendAsync(wrong);
        await refused.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(refused.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task Of_500_concurrent_POSTs_of_one_ID_exactly_one_is_201_the_others_409_and_the_bytes_are_whole()
    {
        var id = NewId();
        // Two different images, so that "whole" means: exactly the bytes of the one request that won.
        var bodies = Enumerable.Range(0, 500).Select(i => i % 2 == 0 ? Jpeg : Png).ToArray();
        var responses = await Task.WhenAll(bodies.Select(async body =>
        {
            using var response = await _client.UploadAsync(id, body);
            return (response.StatusCode, Body: body);
        }));

        var codes = responses.GroupBy(r => r.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, codes.GetValueOrDefault(HttpStatusCode.Created));
        Assert.Equal(499, codes.GetValueOrDefault(HttpStatusCode.Conflict));
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.Created).Body;
        Assert.Equal(winner, await _client.GetByteArrayAsync($"/original/{id}"));
        var metadata = await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(winner)), metadata.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task The_500_concurrent_first_requests_of_one_derived_image_all_get_200_and_the_same_bytes()
    {
        var id = NewId();
        await _client.UploadOkAsync(id, Corpus.Bytes("bench/harvesters-2725x2225.jpg"));
        var before = await _client.GeneratedAsync();
        var bodies = await Task.WhenAll(Enumerable.Range(0, 500).Select(async _ =>
        {
            using var response = await _client.GetAsync($"/derived/{id}-320x240.jpg");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsByteArrayAsync();
        }));
        Assert.All(bodies, b => Assert.Equal(bodies[0], b));
        Assert.Equal((320, 240), Pixels.Size(bodies[0]));
        Assert.Equal(before + 1, await _client.GeneratedAsync());
    }
}
