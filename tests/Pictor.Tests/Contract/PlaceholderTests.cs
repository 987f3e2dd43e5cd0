using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetVips;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

/// <summary>
/// Placeholder facts computed at upload: the ThumbHash that the reference decoder (npm thumbhash) reads back to the
/// image's aspect ratio and average colour, and the dominant colour; in the upload response, metadata and listings,
/// recomputed by a replace.
/// </summary>
public abstract partial class PlaceholderTests<TBackend>(TBackend factory) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private readonly HttpClient _client = factory.Client();

    private static string NewId() => "ph_" + Guid.NewGuid().ToString("N")[..12];

    [GeneratedRegex("^#[0-9a-f]{6}$")]
    private static partial Regex HexColour();

    /// <summary>Photos, a PNG with alpha, an EXIF-rotated portrait, a grey JPEG and an animated GIF.</summary>
    public static TheoryData<string> Images() =>
    [
        "wuffs/hippopotamus.jpeg", "wuffs/hibiscus.regular.png", "orientation/Portrait_6.jpg",
        "wuffs/hippopotamus.masked-with-muybridge.png", "wuffs/peacock.grayscale.jpeg", "wuffs/animated-red-blue.gif",
    ];

    [Theory]
    [MemberData(nameof(Images))]
    public async Task The_reference_decoder_reads_the_images_aspect_ratio_and_average_colour(string file)
    {
        var bytes = Corpus.Bytes(file);
        var id = NewId();
        var uploaded = await (await _client.UploadOkAsync(id, bytes)).JsonAsync();
        var hash = uploaded.GetProperty("placeholder").GetString()!;
        var dominant = uploaded.GetProperty("dominantColor").GetString()!;
        Assert.InRange(Convert.FromBase64String(hash).Length, 5, 40);
        Assert.Matches(HexColour(), dominant);

        // The same facts wherever the original is described.
        var metadata = await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync();
        var listed = (await (await _client.GetAsync($"/original?prefix={id}")).JsonAsync()).GetProperty("items").EnumerateArray().Single();
        Assert.Equal((hash, dominant), Facts(metadata));
        Assert.Equal((hash, dominant), Facts(listed));

        var decoded = (await ThumbHashReference.DecodeAsync([hash])).Single();
        var (width, height) = (uploaded.GetProperty("width").GetInt32(), uploaded.GetProperty("height").GetInt32());
        double expectedRatio = (double)width / height;
        // The reference keeps the ratio to within its 7 (5 with alpha) luminance terms: landscape stays landscape, portrait portrait.
        Assert.True(Math.Abs(Math.Log(decoded.AspectRatio / expectedRatio)) < 0.2,
            $"{file}: {width}×{height} (ratio {expectedRatio:F3}) decodes to ratio {decoded.AspectRatio:F3}");

        var (r, g, b, a) = AverageOfUprightImage(bytes);
        var tolerance = 0.08; // the hash keeps the average in 6 bits of luminance and 6 of each chroma axis
        Assert.True(Math.Abs(decoded.R - r) < tolerance && Math.Abs(decoded.G - g) < tolerance && Math.Abs(decoded.B - b) < tolerance && Math.Abs(decoded.A - a) < 0.1,
            $"{file}: the image averages rgba({r:F3}, {g:F3}, {b:F3}, {a:F3}); its hash decodes to rgba({decoded.R:F3}, {decoded.G:F3}, {decoded.B:F3}, {decoded.A:F3})");
    }

    [Fact]
    public async Task The_dominant_colour_is_the_colour_most_of_the_image_is()
    {
        // 60% green, 40% red: the average is a brown no pixel has; the dominant colour is the green.
        using var green = TestPictures.Block(60, 50, [30, 160, 60]);
        using var red = TestPictures.Block(40, 50, [220, 20, 20]);
        using var joined = Image.Arrayjoin([green, red], across: 2);
        var uploaded = await (await _client.UploadOkAsync(NewId(), joined.PngsaveBuffer())).JsonAsync();
        Assert.Equal("#1ea03c", uploaded.GetProperty("dominantColor").GetString());

        var solid = await (await _client.UploadOkAsync(NewId(), Pixels.Solid(300, 120, ".jpg", [0, 0, 255]))).JsonAsync();
        var blue = Convert.FromHexString(solid.GetProperty("dominantColor").GetString()![1..]);
        Assert.True(blue[0] < 10 && blue[1] < 10 && blue[2] > 245, solid.GetProperty("dominantColor").GetString());
    }

    [Fact]
    public async Task A_replace_recomputes_the_facts()
    {
        var id = NewId();
        var first = await (await _client.UploadOkAsync(id, Pixels.Solid(400, 100, ".png", [250, 250, 20]))).JsonAsync();
        var replaced = await (await _client.PutRawAsync(id, Pixels.Solid(100, 400, ".png", [20, 20, 250]))).JsonAsync();
        Assert.NotEqual(Facts(first), Facts(replaced));
        var metadata = await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync();
        Assert.Equal(Facts(replaced), Facts(metadata));
        var decoded = await ThumbHashReference.DecodeAsync([Facts(first).Hash, Facts(replaced).Hash]);
        Assert.True(decoded[0].AspectRatio > 2 && decoded[1].AspectRatio < 0.5, $"{decoded[0].AspectRatio} then {decoded[1].AspectRatio}");
        Assert.True(decoded[0].B < 0.2 && decoded[1].B > 0.8, $"blue {decoded[0].B} then {decoded[1].B}");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_facts()
    {
        var response = await factory.AnonymousClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.JsonAsync();
        var properties = document.GetProperty("components").GetProperty("schemas").GetProperty("OriginalMetadata").GetProperty("properties");
        Assert.Contains("ThumbHash", properties.GetProperty("placeholder").GetProperty("description").GetString());
        Assert.Contains("#rrggbb", properties.GetProperty("dominantColor").GetProperty("description").GetString());
    }

    private static (string Hash, string Colour) Facts(JsonElement o) =>
        (o.GetProperty("placeholder").GetString()!, o.GetProperty("dominantColor").GetString()!);

    /// <summary>The alpha-weighted average of the upright first frame, computed here by libvips' own thumbnailer (0…1).</summary>
    private static (double R, double G, double B, double A) AverageOfUprightImage(byte[] bytes)
    {
        using var small = Image.ThumbnailBuffer(bytes, 256);
        using var eight = small.Format == Enums.BandFormat.Uchar ? small.Copy() : small.Cast(Enums.BandFormat.Uchar);
        var pixels = eight.WriteToMemory<byte>();
        var bands = eight.Bands;
        double r = 0, g = 0, b = 0, a = 0;
        for (var i = 0; i < pixels.Length; i += bands)
        {
            var alpha = bands is 2 or 4 ? pixels[i + bands - 1] / 255.0 : 1;
            r += alpha * pixels[i];
            g += alpha * pixels[i + (bands >= 3 ? 1 : 0)];
            b += alpha * pixels[i + (bands >= 3 ? 2 : 0)];
            a += alpha;
        }
        var count = pixels.Length / bands;
        return a == 0 ? (0, 0, 0, 0) : (r / a / 255, g / a / 255, b / a / 255, a / count);
    }
}
