using System.Net;
using System.Net.Http.Headers;
using Pictor.Access;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

/// <summary>
/// <c>Pictor:Originals:Public=false</c>: an original's bytes need a key of scope read or more, or a signed URL, while
/// its derived images and metadata stay public; public (pymager's behaviour) by default.
/// </summary>
public abstract class PrivateOriginalsTests<TBackend>(TBackend backend) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private const string SigningKey = "private-originals-signing-key";
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");

    private Task<PictorFactory> PrivateAsync()
    {
        var settings = PictorFactory.ScopedKeys();
        settings["Pictor:Originals:Public"] = "false";
        settings["Pictor:Signing:Keys:0"] = SigningKey;
        return backend.NewAsync(settings);
    }

    [Fact]
    public async Task Originals_are_public_by_default()
    {
        var id = "pub_" + Guid.NewGuid().ToString("N")[..12];
        await backend.Client().UploadOkAsync(id, Jpeg);
        var response = await backend.AnonymousClient().GetAsync($"/original/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.Public);
    }

    [Fact]
    public async Task Private_originals_need_a_read_key_while_derived_images_stay_public()
    {
        await using var factory = await PrivateAsync();
        await factory.Client().UploadOkAsync("secret", Jpeg);
        var anonymous = factory.AnonymousClient();

        var refused = await anonymous.GetAsync("/original/secret");
        await refused.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(refused.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/original/secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, head.StatusCode);
        await (await factory.Client("not-a-key-of-this-service").GetAsync("/original/secret")).ProblemAsync(HttpStatusCode.Unauthorized);

        foreach (var key in new[] { PictorFactory.ReadKey, PictorFactory.WriteKey, PictorFactory.ApiKey })
        {
            var response = await factory.Client(key).GetAsync("/original/secret");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Jpeg, await response.Content.ReadAsByteArrayAsync());
            Assert.True(response.Headers.CacheControl!.Private, "a private original must not be kept by shared caches");
        }
        var basic = factory.AnonymousClient();
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"pymager:{PictorFactory.ReadKey}")));
        Assert.Equal(HttpStatusCode.OK, (await basic.GetAsync("/original/secret")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/derived/secret-40x30.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/original/secret/metadata")).StatusCode);
        // An unknown ID says 401 too, not 404: without a key nothing tells which IDs exist.
        await (await anonymous.GetAsync("/original/nothing-here")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Private_originals_open_to_a_valid_signature_only()
    {
        await using var factory = await PrivateAsync();
        await factory.Client().UploadOkAsync("signed", Jpeg);
        await factory.Client().UploadOkAsync("other", Jpeg);
        var anonymous = factory.AnonymousClient();

        var forever = UrlSigner.Sign(SigningKey, "/original/signed");
        var response = await anonymous.GetAsync($"/original/signed?s={forever}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Jpeg, await response.Content.ReadAsByteArrayAsync());

        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/original/signed?s={UrlSigner.Sign(SigningKey, "/original/signed", exp)}&exp={exp}")).StatusCode);

        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();
        var expired = await (await anonymous.GetAsync($"/original/signed?s={UrlSigner.Sign(SigningKey, "/original/signed", past)}&exp={past}")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("expired", expired.GetProperty("detail").GetString());
        await (await anonymous.GetAsync($"/original/other?s={forever}")).ProblemAsync(HttpStatusCode.Forbidden); // another ID's signature
        await (await anonymous.GetAsync($"/original/signed?s={UrlSigner.Sign("another-key", "/original/signed")}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync($"/original/signed?s={forever}&exp={exp}")).ProblemAsync(HttpStatusCode.Forbidden); // exp added afterwards
    }
}
