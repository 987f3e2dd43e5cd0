using System.Net;
using Pictor.Client;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Clients;

/// <summary>
/// URLs the client builds, answered by a real Pictor that requires signatures (except the preset and 90x60):
/// the expected sizes and formats, signed URLs accepted, tampered, foreign-key and expired ones refused.
/// </summary>
public sealed class DerivedUrlServerTests(ClientServerFixture fixture) : IClassFixture<ClientServerFixture>, IAsyncLifetime
{
    private readonly string _id = $"url-{Guid.NewGuid():N}";
    private readonly PictorClient _signing = fixture.Client(signingKey: ClientServerFixture.SigningKey);
    private readonly HttpClient _http = fixture.Server.Client(apiKey: null);

    public async Task InitializeAsync() => await _signing.UploadAsync(_id, Corpus.Path("orientation/Landscape_1.jpg")); // 1800x1200

    public Task DisposeAsync()
    {
        _http.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("w_300,h_200", "jpg", 300, 200, "image/jpeg")]
    [InlineData("w_300", "webp", 300, 200, "image/webp")]
    [InlineData("w_300,h_300,c_pad,b_102030", "png", 300, 300, "image/png")]
    [InlineData("w_300,h_300,c_fit", "jpg", 300, 200, "image/jpeg")]
    [InlineData("w_150,h_100,dpr_2,g_auto,q_60", "avif", 300, 200, "image/avif")]
    [InlineData("w_4000,c_limit", "jpg", 1800, 1200, "image/jpeg")]
    public async Task Signed_URLs_are_answered_with_the_size_and_format_asked_for(string options, string ext, int width, int height, string contentType)
    {
        var url = _signing.Url(_id).WithOptions(options).Format(ext);
        var image = await _signing.GetDerivedAsync(url);
        Assert.Equal(contentType, image.ContentType);
        Assert.Equal((width, height), Pixels.Size(image.Bytes));

        // The same URL without its signature is refused: the service requires one for this size.
        var unsigned = await Assert.ThrowsAsync<PictorProblemException>(() => _signing.GetDerivedAsync(url.Unsigned()));
        Assert.Equal(ProblemKind.Forbidden, unsigned.Kind);
    }

    [Fact]
    public async Task Auto_follows_Accept_and_presets_and_allowed_sizes_need_no_signature()
    {
        var auto = _signing.Url(_id).Size(200, 100).Auto();
        Assert.Equal("image/avif", (await _signing.GetDerivedAsync(auto, "image/avif,image/webp,*/*")).ContentType);
        Assert.Equal("image/webp", (await _signing.GetDerivedAsync(auto, "image/webp,*/*")).ContentType);
        Assert.Equal("image/jpeg", (await _signing.GetDerivedAsync(auto, "*/*")).ContentType);

        var anonymous = fixture.Client(apiKey: null);
        var preset = await anonymous.GetDerivedAsync(new DerivedUrl(_id).Preset(ClientServerFixture.Preset).Format("jpg"));
        Assert.Equal((120, 80), Pixels.Size(preset.Bytes));
        var allowed = await anonymous.GetDerivedAsync(new DerivedUrl(_id).Size(90, 60).Format("png"));
        Assert.Equal((90, 60), Pixels.Size(allowed.Bytes));

        var unknown = await Assert.ThrowsAsync<PictorProblemException>(() => anonymous.GetDerivedAsync(new DerivedUrl(_id).Preset("nope").Format("jpg")));
        Assert.Equal(ProblemKind.NotFound, unknown.Kind);
        var outOfRange = await Assert.ThrowsAsync<PictorProblemException>(() => _signing.GetDerivedAsync(_signing.Url(_id).Width(9000).Format("jpg")));
        Assert.Equal(ProblemKind.BadRequest, outOfRange.Kind);
    }

    [Fact]
    public async Task Srcset_candidates_are_served_at_their_widths()
    {
        var srcset = _signing.Url(_id).Size(160, 120).Format("webp").Srcset(160, 320, 640);
        var candidates = srcset.Split(", ").Select(c => c.Split(' ')).ToList();
        Assert.Equal(["160w", "320w", "640w"], candidates.Select(c => c[1]));
        foreach (var candidate in candidates)
        {
            using var response = await _http.GetAsync(candidate[0]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var width = int.Parse(candidate[1].TrimEnd('w'), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal((width, width * 3 / 4), Pixels.Size(await response.Content.ReadAsByteArrayAsync()));
        }
        var density = _signing.Url(_id).Size(100, 100).Format("jpg").DprSrcset(1, 2).Split(", ").Select(c => c.Split(' ')[0]).ToList();
        Assert.Equal((200, 200), Pixels.Size(await _http.GetByteArrayAsync(density[1])));
    }

    [Fact]
    public async Task Tampered_foreign_and_expired_signatures_are_refused()
    {
        var url = _signing.Url(_id).Size(310, 210).Format("jpg");
        var expiring = url.Sign(ClientServerFixture.SigningKey, TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(url.ToString()));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(expiring.ToString()));

        var tamperedPath = url.ToString().Replace("w_310", "w_311", StringComparison.Ordinal);
        var laterExpiry = expiring.ToString().Replace($"exp={expiring.Expires}", $"exp={expiring.Expires + 3600}", StringComparison.Ordinal);
        var foreign = url.Sign("not-the-services-key").ToString();
        var expired = url.Sign(ClientServerFixture.SigningKey, DateTimeOffset.UtcNow.AddMinutes(-1)).ToString();
        var dropped = expiring.ToString()[..expiring.ToString().IndexOf("&exp=", StringComparison.Ordinal)];
        foreach (var refused in new[] { tamperedPath, laterExpiry, foreign, expired, dropped })
            Assert.True(await StatusAsync(refused) == HttpStatusCode.Forbidden, refused);

        var problem = await Assert.ThrowsAsync<PictorProblemException>(() => _signing.GetDerivedAsync(url.Sign("not-the-services-key")));
        Assert.Equal(ProblemKind.Forbidden, problem.Kind);
        Assert.Contains("signature", problem.Detail);
    }

    private async Task<HttpStatusCode> StatusAsync(string url)
    {
        using var response = await _http.GetAsync(url);
        return response.StatusCode;
    }
}
