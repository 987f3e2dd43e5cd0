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
}
