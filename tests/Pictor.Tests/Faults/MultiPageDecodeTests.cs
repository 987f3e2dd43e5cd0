using System.Net;
using NetVips;
using Pictor.Tests.Hostile;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Faults;

/// <summary>
/// The bug report of issue 16: a TIFF whose first page decodes but whose reduced-resolution pages are tiled with
/// separate planes (which libvips cannot read) uploaded fine, then every derive answered 500 because `thumbnail`
/// chose an overview page the upload never decoded. A derive must only use decodes the upload proved.
/// </summary>
public sealed class MultiPageDecodeTests(ServerProcessFixture server, ITestOutputHelper output) : IClassFixture<ServerProcessFixture>
{
    private static byte[] PyramidWithUnreadableOverviews()
    {
        using var photo = Image.NewFromBuffer(Corpus.Bytes("wuffs/hippopotamus.jpeg"));
        using var full = photo.Resize(1024.0 / photo.Width);
        using var half = full.Resize(0.5);
        using var quarter = half.Resize(0.5);
        return TiffWriter.Write(
        [
            new TiffWriter.Page(full, SeparatePlanes: true, Tile: null, ReducedResolution: false),
            new TiffWriter.Page(half, SeparatePlanes: true, Tile: 64, ReducedResolution: true),
            new TiffWriter.Page(quarter, SeparatePlanes: true, Tile: 64, ReducedResolution: true),
        ]);
    }

    [Theory]
    [InlineData("40x30.jpg")]
    [InlineData("200x150.png")]
    [InlineData("500x400.webp")]
    [InlineData("1000x800.jpg")]
    public async Task A_TIFF_with_unreadable_overview_pages_derives_from_the_page_the_upload_proved(string variant)
    {
        var id = "tiffpyr" + Guid.NewGuid().ToString("N")[..8];
        var tiff = PyramidWithUnreadableOverviews();
        var upload = await server.Client.UploadAsync(id, tiff);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var response = await server.Client.GetAsync($"/derived/{id}-{variant}");
        var body = await response.Content.ReadAsByteArrayAsync();
        output.WriteLine($"{variant}: {(int)response.StatusCode} {(response.StatusCode == HttpStatusCode.OK ? "" : System.Text.Encoding.UTF8.GetString(body))}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var size = variant.Split('.')[0].Split('x').Select(int.Parse).ToArray();
        Assert.Equal((size[0], size[1]), Pixels.Size(body));
        await server.AssertNoServerFaultsAsync();
    }

    /// <summary>A multi-page TIFF document (not overviews) whose later pages libvips cannot read: pages it never shows.</summary>
    [Fact]
    public async Task A_multi_page_TIFF_whose_later_pages_cannot_be_read_uploads_and_derives_from_its_first_page()
    {
        using var photo = Image.NewFromBuffer(Corpus.Bytes("wuffs/hippopotamus.jpeg"));
        using var first = photo.Resize(600.0 / photo.Width);
        using var second = photo.Resize(500.0 / photo.Width);
        var tiff = TiffWriter.Write(
        [
            new TiffWriter.Page(first, SeparatePlanes: false, Tile: null, ReducedResolution: false),
            new TiffWriter.Page(second, SeparatePlanes: true, Tile: 64, ReducedResolution: false),
            new TiffWriter.Page(first, SeparatePlanes: true, Tile: 64, ReducedResolution: false),
        ]);
        var id = "tiffdoc" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await server.Client.UploadAsync(id, tiff)).StatusCode);
        foreach (var variant in new[] { "40x30.jpg", "300x200.png", "600x400.webp", "64x64.gif", "100x80.tiff" })
        {
            var response = await server.Client.GetAsync($"/derived/{id}-{variant}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{variant}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var size = variant.Split('.')[0].Split('x').Select(int.Parse).ToArray();
            Assert.Equal((size[0], size[1]), Pixels.Size(await response.Content.ReadAsByteArrayAsync()));
        }
        await server.AssertNoServerFaultsAsync();
    }

    /// <summary>
    /// An animated GIF whose last frame cannot be decoded (its LZW code size is out of range) while its framing is
    /// intact: animated derives would decode every frame, so the upload decodes every frame too and refuses it.
    /// </summary>
    [Fact]
    public async Task An_animated_GIF_with_an_undecodable_later_frame_is_refused_at_upload()
    {
        var gif = TestPictures.Animation(".gif", 60, 40, [TestPictures.Red, TestPictures.Green, TestPictures.Blue], [100, 100, 100]);
        Assert.InRange(LastFrameCodeSize(gif, out var at), 2, 8); // found it
        gif[at] = 15; // beyond LZW's 12-bit codes
        var response = await server.Client.UploadAsync("gifbadframe" + Guid.NewGuid().ToString("N")[..6], gif);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        output.WriteLine(problem.GetProperty("detail").GetString());
        Assert.EndsWith("/corrupt-image", problem.GetProperty("type").GetString());
        await server.AssertNoServerFaultsAsync();
    }

    /// <summary>ICO holds several images (often PNGs); it is not a format Pictor takes, whatever it wraps.</summary>
    [Fact]
    public async Task An_ICO_holding_PNG_images_is_refused_as_an_unsupported_format()
    {
        var png = TestPictures.Quadrants(32, 32);
        using var ico = new MemoryStream();
        var writer = new BinaryWriter(ico);
        writer.Write((ushort)0); writer.Write((ushort)1); writer.Write((ushort)1); // reserved, type 1 = icon, one image
        writer.Write((byte)32); writer.Write((byte)32); writer.Write((byte)0); writer.Write((byte)0);
        writer.Write((ushort)1); writer.Write((ushort)32); writer.Write((uint)png.Length); writer.Write(6u + 16u);
        writer.Write(png);
        var response = await server.Client.UploadAsync("icon" + Guid.NewGuid().ToString("N")[..6], ico.ToArray(), "favicon.ico");
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.EndsWith("/unsupported-format", problem.GetProperty("type").GetString());
        await server.AssertNoServerFaultsAsync();
    }

    /// <summary>Walks the GIF's blocks to the last image's LZW minimum code size; returns it, with its offset.</summary>
    private static int LastFrameCodeSize(byte[] gif, out int offset)
    {
        var i = 13 + ((gif[10] & 0x80) != 0 ? 3 << ((gif[10] & 7) + 1) : 0);
        offset = -1;
        while (i < gif.Length && gif[i] != 0x3B)
        {
            if (gif[i] == 0x21) i += 2; // extension: introducer, label, then sub-blocks
            else
            {
                var packed = gif[i + 9];
                i += 10 + ((packed & 0x80) != 0 ? 3 << ((packed & 7) + 1) : 0);
                offset = i++;
            }
            while (gif[i] != 0) i += gif[i] + 1;
            i++;
        }
        return offset < 0 ? -1 : gif[offset];
    }
}
