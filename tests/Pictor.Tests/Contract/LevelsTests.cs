using System.Net;
using System.Security.Cryptography;
using System.Text;
using NetVips;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

/// <summary>
/// README "Levels": an upload of a still image larger than 512 pixels stores downscaled upright sRGB copies
/// of it (long side 2048, 1448, 1024, 724, 512, those below the original's) beside it; a derive reads the smallest one
/// that still covers the output and says which in <c>Pictor-Source</c>; delete and replace take them along.
/// </summary>
public abstract class LevelsTests<TBackend>(TBackend factory) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private static readonly byte[] Harvesters = Corpus.Bytes("wuffs/harvesters.jpeg"); // 1165×859: levels 1024, 724 and 512
    private readonly HttpClient _client = factory.Client();

    private static string NewId() => "lv_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The level blobs of <paramref name="id"/> (keys hold the SHA-256 of the ID, never the ID).</summary>
    private List<string> LevelBlobs(string id)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(id)));
        return [.. factory.BlobFiles().Select(f => f.Replace('\\', '/')).Where(f => f.StartsWith("levels/", StringComparison.Ordinal) && f.Contains(hash, StringComparison.Ordinal)).Order()];
    }

    private async Task<(string? Source, byte[] Bytes)> GetAsync(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var source = response.Headers.TryGetValues("Pictor-Source", out var values) ? values.Single() : null;
        return (source, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_upload_stores_its_levels_and_derives_read_the_smallest_that_covers_the_output()
    {
        var id = NewId();
        await _client.UploadOkAsync(id, Harvesters);
        var levels = LevelBlobs(id);
        Assert.Equal(3, levels.Count);
        Assert.EndsWith("-1024", levels[0]);
        Assert.EndsWith("-512", levels[1]);
        Assert.EndsWith("-724", levels[2]);

        var small = await GetAsync($"/derived/{id}/w_300.jpg");
        Assert.Equal("level-512", small.Source);
        Assert.Equal((300, 221), Pixels.Size(small.Bytes));
        var middle = await GetAsync($"/derived/{id}/w_450.jpg"); // 450×332, 1.5× of which is 675×498: level-724 (724×534)
        Assert.Equal("level-724", middle.Source);
        // A level serves when it is 1.5× the resized size: 500×500 covers 678×500, 1.5× of which is 1017×750.
        var fill = await GetAsync($"/derived/{id}-500x500.webp");
        Assert.Equal("level-1024", fill.Source);
        Assert.Equal((500, 500), Pixels.Size(fill.Bytes));
        var near = await GetAsync($"/derived/{id}-600x600.webp"); // covers 814×600: level-1024 is barely larger, the original serves
        Assert.Equal("original", near.Source);
        var large = await GetAsync($"/derived/{id}/w_1100.png");
        Assert.Equal("original", large.Source);
        Assert.Equal((1100, 811), Pixels.Size(large.Bytes));

        // What a level gives looks like what the original gives (bench/results/levels.md measures SSIM).
        Assert.True(Pixels.Difference(small.Bytes, large.Bytes) < 6, "a level-derived image differs from the original-derived one");
        var again = await GetAsync($"/derived/{id}/w_300.jpg");
        Assert.Null(again.Source); // served from storage: nothing was made
        Assert.Equal(small.Bytes, again.Bytes);
    }

    [Fact]
    public async Task Levels_are_upright_and_an_original_with_alpha_keeps_it()
    {
        var turned = NewId();
        var plain = NewId();
        await _client.UploadOkAsync(turned, Corpus.Bytes("orientation/Landscape_6.jpg")); // stored turned, EXIF orientation 6
        await _client.UploadOkAsync(plain, Corpus.Bytes("orientation/Landscape_0.jpg"));
        var a = await GetAsync($"/derived/{turned}/w_300.jpg");
        var b = await GetAsync($"/derived/{plain}/w_300.jpg");
        Assert.Equal("level-512", a.Source);
        Assert.Equal("level-512", b.Source);
        Assert.Equal(Pixels.Size(b.Bytes), Pixels.Size(a.Bytes));
        Assert.True(Pixels.Difference(a.Bytes, b.Bytes) < 8, "the level of the turned photo is not upright");

        var alpha = NewId();
        using (var black = Image.Black(900, 600, bands: 4))
        using (var opaque = black.NewFromImage([30.0, 120.0, 200.0, 255.0]))
        using (var clear = Image.Black(450, 600, bands: 4))
        using (var withAlpha = opaque.Insert(clear, 0, 0).Copy(interpretation: Enums.Interpretation.Srgb))
            await _client.UploadOkAsync(alpha, withAlpha.PngsaveBuffer()); // the left half transparent
        var half = await GetAsync($"/derived/{alpha}/w_300.png");
        Assert.Equal("level-512", half.Source);
        using var derived = Pixels.Load(half.Bytes);
        Assert.True(derived.HasAlpha());
        Assert.Equal(0.0, derived.ExtractArea(10, 10, 100, 100)[3].Max()); // the transparent half stays transparent
        Assert.Equal(255.0, derived.ExtractArea(190, 10, 100, 100)[3].Min());
    }

    [Fact]
    public async Task Delete_and_replace_remove_the_levels_and_small_or_animated_originals_have_none()
    {
        var deleted = NewId();
        var replaced = NewId();
        await _client.UploadOkAsync(deleted, Harvesters);
        await _client.UploadOkAsync(replaced, Harvesters);
        var old = LevelBlobs(replaced);
        Assert.Equal(3, old.Count);
        Assert.Equal(3, LevelBlobs(deleted).Count);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/original/{deleted}")).StatusCode);
        Assert.Empty(LevelBlobs(deleted));

        Assert.Equal(HttpStatusCode.OK, (await _client.PutRawAsync(replaced, Corpus.Bytes("orientation/Portrait_0.jpg"))).StatusCode); // 1200×1800: 1448, 1024, 724 and 512
        var now = LevelBlobs(replaced);
        Assert.Equal(4, now.Count);
        Assert.Empty(now.Intersect(old));
        Assert.Equal("level-1024", (await GetAsync($"/derived/{replaced}/h_600.jpg")).Source); // 1.5× of 400×600 fits in 683×1024

        Assert.Equal(HttpStatusCode.OK, (await _client.PutRawAsync(replaced, Corpus.Bytes("wuffs/hat.png"))).StatusCode); // 90×112
        Assert.Empty(LevelBlobs(replaced));
        Assert.Equal("original", (await GetAsync($"/derived/{replaced}/w_40.png")).Source);

        var animated = NewId();
        await _client.UploadOkAsync(animated, TestPictures.Animation(".gif", 600, 400, [[255.0, 0, 0], [0, 0, 255.0]], [100, 100]));
        Assert.Empty(LevelBlobs(animated));
        Assert.Equal("original", (await GetAsync($"/derived/{animated}/w_100.gif")).Source);
    }
}
