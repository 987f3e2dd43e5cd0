using System.Net;
using NetVips;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Images;
using Pictor.Imaging;
using Pictor.Imaging.Steps;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

/// <summary>
/// Derives from still WebPs go through the system's libwebp (scaled while decoding, to twice the resized size,
/// then the Lanczos resize and the crop); everything else about a WebP keeps libvips' path. Both must give the
/// picture libvips' own cover crop gives. The sizes asked for are too large for the original's levels.
/// </summary>
public sealed class WebpDerivesTests(PictorFixture factory) : IClassFixture<PictorFixture>
{
    private readonly HttpClient _client = factory.Client();

    [Fact]
    public void The_system_libwebp_is_there()
    {
        // scripts/install-test-deps.sh installs Debian's libwebp7; without it every WebP takes libvips' path.
        Assert.True(LibWebp.Available, "libwebp.so.7 could not be loaded");
        Assert.True(LibWebp.Version >= 0x010000, $"libwebp version {LibWebp.Version:x}");
    }

    [Theory]
    [InlineData("wuffs/harvesters.lossy.webp", 800, 500)]           // wide crop
    [InlineData("wuffs/harvesters.lossy.webp", 500, 800)]           // tall crop from a wide image
    [InlineData("wuffs/harvesters.lossy.webp", 1165, 859)]          // the whole image, unscaled
    [InlineData("wuffs/hibiscus.primitive.lossless.webp", 150, 100)] // lossless (VP8L)
    [InlineData("wuffs/hibiscus.regular.lossy.webp", 41, 97)]
    public async Task Still_webps_are_filled_by_libwebp_and_look_like_libvips_cover_crop(string file, int width, int height)
    {
        var path = Corpus.Path(file);
        var id = await UploadAsync(File.ReadAllBytes(path));
        using var response = await _client.GetAsync($"/derived/{id}-{width}x{height}.png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("original", response.Headers.GetValues("Pictor-Source").Single());
        var derived = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((width, height), Pixels.Size(derived));

        // libwebp takes the file, and the service's pixels are exactly those of the deriver that uses it (PNG is lossless) ...
        using var header = Image.NewFromFile(path);
        var info = new ImageInfo(ImageFormat.Webp, header.Width, header.Height, 1);
        var options = TransformOptions.Fill(width, height, ImageFormat.Png);
        using var direct = WebpScaledDecoder.TryDecode(path, info, Geometry.Plan(header.Width, header.Height, options, 8192), LoadStep.ShrinkMargin);
        Assert.NotNull(direct);
        var deriver = new ImageDeriver(Options.Create(new EncodingOptions()), Options.Create(new LimitsOptions()));
        Assert.Equal(0, Pixels.Difference(deriver.Derive(path, info, options).Bytes, derived));

        // ... and they show what libvips' thumbnail shows: the same centre region at the same scale. The
        // filters differ (libvips ends with Lanczos3), most on the finely detailed stained glass at 41×97:
        // 9.3 there, where the same crop one pixel off gives 26.
        using var reference = Image.Thumbnail(path, width, height: height, crop: Enums.Interesting.Centre);
        var difference = Pixels.Difference(reference.PngsaveBuffer(), derived);
        Assert.True(difference < 12, $"differs from libvips' cover crop by {difference:F2}/255 per sample");
    }

    [Fact]
    public async Task Alpha_is_kept_for_png_and_flattened_onto_white_for_jpeg()
    {
        // Opaque orange on the left half, fully transparent on the right.
        using var colour = Image.Black(400, 300, bands: 3).NewFromImage([230.0, 120.0, 20.0]);
        using var alpha = Image.Black(200, 300).Insert(Image.Black(200, 300) + 255, 0, 0, expand: true).Cast(Enums.BandFormat.Uchar);
        using var rgba = colour.Bandjoin(alpha);
        var source = rgba.WebpsaveBuffer(q: 90);
        var id = await UploadAsync(source);

        using var png = Pixels.Load(await _client.GetByteArrayAsync($"/derived/{id}-200x150.png"));
        Assert.Equal(4, png.Bands);
        Assert.True(png.Getpoint(20, 75)[3] > 250 && png.Getpoint(180, 75)[3] < 5, "alpha should stay opaque left, clear right");

        using var jpeg = Pixels.Load(await _client.GetByteArrayAsync($"/derived/{id}-200x150.jpg"));
        var left = jpeg.Getpoint(20, 75);
        var right = jpeg.Getpoint(180, 75);
        Assert.True(left[0] > 200 && left[2] < 60, $"left should be orange, is {string.Join(",", left)}");
        Assert.True(right.All(v => v > 245), $"right should be white, is {string.Join(",", right)}");
    }

    public static TheoryData<string> LibvipsCases => ["icc", "exif-orientation-6", "animated", "upscale"];

    [Theory]
    [MemberData(nameof(LibvipsCases))]
    public async Task Webps_libwebp_alone_cannot_fill_take_libvips_path(string kind)
    {
        var (bytes, info, width, height) = LibvipsCase(kind);
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "source.webp");
        File.WriteAllBytes(path, bytes);
        Assert.Null(WebpScaledDecoder.TryDecode(path, info, Geometry.Plan(info.Width, info.Height, TransformOptions.Fill(width, height, ImageFormat.Png), 8192), LoadStep.ShrinkMargin));

        var id = await UploadAsync(bytes);
        var response = await _client.GetAsync($"/derived/{id}-{width}x{height}.png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var derived = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((width, height), Pixels.Size(derived));
        using var reference = Image.ThumbnailBuffer(bytes, width, height: height, crop: Enums.Interesting.Centre);
        Assert.True(Pixels.Difference(reference.PngsaveBuffer(), derived) < 3);
    }

    /// <summary>A WebP only libvips can fill correctly, what upload records for it, and a size to ask for.</summary>
    private static (byte[] Bytes, ImageInfo Info, int Width, int Height) LibvipsCase(string kind)
    {
        using var photo = Image.NewFromFile(Corpus.Path("wuffs/harvesters.lossy.webp"));
        using var small = photo.Resize(0.25);
        switch (kind)
        {
            case "icc":
                return (small.WebpsaveBuffer(profile: "srgb"), Info(small), 120, 80);
            case "exif-orientation-6":
            {
                using var tagged = small.Mutate(m => m.Set(GValue.GIntType, "orientation", 6));
                // Upload records the upright size: rotated by 90°, width and height swap.
                return (tagged.WebpsaveBuffer(keep: Enums.ForeignKeep.Exif), new ImageInfo(ImageFormat.Webp, small.Height, small.Width, 1), 80, 120);
            }
            case "animated":
            {
                using var frames = Image.Arrayjoin([small, small.Invert()], across: 1);
                using var animation = frames.Mutate(m =>
                {
                    m.Set(GValue.GIntType, "page-height", small.Height);
                    m.Set(GValue.ArrayIntType, "delay", new[] { 100, 100 });
                });
                return (animation.WebpsaveBuffer(), new ImageInfo(ImageFormat.Webp, small.Width, small.Height, 2), 120, 80);
            }
            case "upscale":
                return (small.WebpsaveBuffer(), Info(small), small.Width * 2, small.Height);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static ImageInfo Info(Image image) => new(ImageFormat.Webp, image.Width, image.Height, 1);

    private async Task<string> UploadAsync(byte[] bytes)
    {
        var id = "w_" + Guid.NewGuid().ToString("N")[..12];
        await _client.UploadOkAsync(id, bytes);
        return id;
    }
}
