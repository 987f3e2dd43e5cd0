using System.Net;
using Pictor.Access;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

/// <summary>API.md "Transformations", who may ask for what: presets, AllowedSizes, PresetsOnly, signed URLs.</summary>
public abstract class TransformAccessTests<TBackend>(TBackend backend) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private const string Key = "first-key-for-signing", OldKey = "older-key-still-verifies";
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/harvesters.jpeg"); // 1165×859

    private async Task<(PictorFactory Factory, HttpClient Client)> StartAsync(Dictionary<string, string?> settings)
    {
        settings["Pictor:Presets:thumb"] = "w_64,h_48,c_fill,q_70";
        settings["Pictor:Presets:card"] = "w_200,c_limit";
        settings["Pictor:Signing:Keys:0"] = Key;
        settings["Pictor:Signing:Keys:1"] = OldKey;
        var factory = await backend.NewAsync(settings);
        var client = factory.Client();
        await client.UploadOkAsync("pic", Jpeg);
        return (factory, client);
    }

    private static string Signed(string path, string key = Key, long? expires = null) =>
        $"{path}?s={UrlSigner.Sign(key, path, expires)}{(expires is { } e ? $"&exp={e}" : "")}";

    [Fact]
    public async Task Presets_apply_and_the_url_overrides_them()
    {
        var (factory, client) = await StartAsync([]);
        await using var _ = factory;
        using var thumb = Pixels.Load(await client.GetByteArrayAsync("/derived/pic/t_thumb.jpg"));
        Assert.Equal((64, 48), (thumb.Width, thumb.Height));
        using var wider = Pixels.Load(await client.GetByteArrayAsync("/derived/pic/t_thumb,w_100.webp"));
        Assert.Equal((100, 48), (wider.Width, wider.Height));
        using var card = Pixels.Load(await client.GetByteArrayAsync("/derived/pic/t_card.png"));
        Assert.Equal(200, card.Width);

        // A preset is its options: the same variant as spelling them out.
        var before = await client.GeneratedAsync();
        var spelled = await client.GetAsync("/derived/pic/w_64,h_48,q_70.jpg");
        Assert.Equal(HttpStatusCode.OK, spelled.StatusCode);
        Assert.Equal(before, await client.GeneratedAsync());
    }

    [Fact]
    public async Task AllowedSizes_bound_option_urls_and_a_signature_lifts_it()
    {
        var (factory, client) = await StartAsync(new() { ["Pictor:AllowedSizes:0"] = "100x100" });
        await using var _ = factory;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/derived/pic/w_100,h_100,c_pad.jpg")).StatusCode);
        await (await client.GetAsync("/derived/pic/w_120,h_100,c_pad.jpg")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/derived/pic/w_100.jpg")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/derived/pic-120x100.jpg")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/derived/pic/t_thumb.jpg")).StatusCode); // presets are the operator's own
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Signed("/derived/pic/w_120,h_100,c_pad.jpg"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Signed("/derived/pic-120x100.jpg"))).StatusCode);
    }

    [Fact]
    public async Task PresetsOnly_refuses_other_option_urls_unless_signed()
    {
        var (factory, client) = await StartAsync(new() { ["Pictor:PresetsOnly"] = "true" });
        await using var _ = factory;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/derived/pic/t_thumb.avif")).StatusCode);
        var problem = await (await client.GetAsync("/derived/pic/w_50.jpg")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("PresetsOnly", problem.GetProperty("detail").GetString());
        await (await client.GetAsync("/derived/pic/t_thumb,w_100.jpg")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/derived/pic-50x50.jpg")).StatusCode); // pymager URLs follow AllowedSizes
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Signed("/derived/pic/w_50.jpg"))).StatusCode);
    }

    [Fact]
    public async Task Signatures_valid_tampered_expired_and_rotated()
    {
        var (factory, client) = await StartAsync(new() { ["Pictor:Signing:Required"] = "true", ["Pictor:AllowedSizes:0"] = "80x80" });
        await using var _ = factory;
        var path = "/derived/pic/w_90,h_60,c_fit.webp";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var unsigned = await (await client.GetAsync(path)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("signature", unsigned.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/derived/pic/t_thumb.jpg")).StatusCode);  // presets need none
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/derived/pic-80x80.jpg")).StatusCode);   // nor allowed sizes

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Signed(path))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Signed(path, OldKey))).StatusCode);          // an older key still verifies
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Signed(path, expires: now + 3600))).StatusCode);

        await (await client.GetAsync(Signed(path, "not-a-key-of-ours"))).ProblemAsync(HttpStatusCode.Forbidden);
        var tampered = Signed(path).Replace("w_90", "w_95", StringComparison.Ordinal);
        await (await client.GetAsync(tampered)).ProblemAsync(HttpStatusCode.Forbidden);
        var expired = await (await client.GetAsync(Signed(path, expires: now - 10))).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("expired", expired.GetProperty("detail").GetString());
        var extended = Signed(path, expires: now - 10).Replace($"exp={now - 10}", $"exp={now + 3600}", StringComparison.Ordinal);
        await (await client.GetAsync(extended)).ProblemAsync(HttpStatusCode.Forbidden);           // exp is signed
        await (await client.GetAsync($"{path}?s=")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync($"{Signed("/derived/pic/w_90,h_60,c_fit.png")}".Replace(".png", ".webp"))).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_query_string_is_not_part_of_the_variant()
    {
        var (factory, client) = await StartAsync([]);
        await using var _ = factory;
        var path = "/derived/pic/w_70,h_70,g_north.jpg";
        var before = await client.GeneratedAsync();
        var plain = await client.GetAsync(path);
        var signed = await client.GetAsync(Signed(path));
        Assert.Equal(plain.Headers.ETag, signed.Headers.ETag);
        Assert.Equal(before + 1, await client.GeneratedAsync());
    }

    [Fact]
    public async Task Animations_longer_than_MaxFrames_give_their_first_frame()
    {
        var (factory, client) = await StartAsync(new() { ["Pictor:Limits:MaxFrames"] = "2" });
        await using var _ = factory;
        double[][] colours = [TestPictures.Red, TestPictures.Green, TestPictures.Blue];
        await client.UploadOkAsync("three", TestPictures.Animation(".gif", 40, 40, colours, [100, 100, 100]));
        await client.UploadOkAsync("two", TestPictures.Animation(".gif", 40, 40, colours[..2], [100, 100]));
        foreach (var (id, frames) in new[] { ("three", 1), ("two", 2) })
        {
            var bytes = await client.GetByteArrayAsync($"/derived/{id}/w_20.gif");
            using var image = NetVips.Image.NewFromBuffer(bytes, kwargs: new NetVips.VOption { { "n", -1 } });
            Assert.Equal(frames, image.Contains("n-pages") ? (int)image.Get("n-pages") : 1);
            Assert.Equal(20, image.PageHeight);
        }
    }

    [Fact]
    public async Task A_preset_that_does_not_parse_stops_the_start_naming_it()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var factory = await backend.NewAsync(new Dictionary<string, string?> { ["Pictor:Presets:broken"] = "w_10,c_squash" });
            factory.Client();
        });
        Assert.Contains("Pictor:Presets:broken", e.ToString());
    }
}
