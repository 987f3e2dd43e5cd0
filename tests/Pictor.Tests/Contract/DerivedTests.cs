using System.Net;
using System.Net.Http.Headers;
using NetVips;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

/// <summary>API.md "Derived images" and "HTTP caching", through HTTP, with real images.</summary>
public abstract class DerivedTests<TBackend>(TBackend factory) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private readonly HttpClient _client = factory.Client();

    private async Task<string> UploadAsync(string corpusFile)
    {
        var id = "d_" + Guid.NewGuid().ToString("N")[..12];
        await _client.UploadOkAsync(id, Corpus.Bytes(corpusFile));
        return id;
    }

    [Theory]
    [InlineData("bench/harvesters-2725x2225.jpg", 300, 200)]   // shrink-on-load path (factor ≥ 2)
    [InlineData("bench/harvesters-2725x2225.jpg", 100, 1000)]  // tall crop from a wide image
    [InlineData("wuffs/hippopotamus.jpeg", 1500, 900)]         // upscale
    [InlineData("wuffs/hat.png", 64, 64)]
    [InlineData("wuffs/harvesters.lossy.webp", 123, 45)]
    [InlineData("wuffs/animated-red-blue.gif", 32, 32)]
    [InlineData("pngsuite/basn6a16.png", 20, 30)]              // 16-bit with alpha
    public async Task Fill_gives_exactly_the_requested_size(string source, int width, int height)
    {
        var id = await UploadAsync(source);
        var response = await _client.GetAsync($"/derived/{id}-{width}x{height}.jpg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.Equal((width, height), Pixels.Size(bytes));
    }

    [Fact]
    public async Task Fill_crops_around_the_centre()
    {
        // Left third red, middle green, right third blue: a square from the middle is all green.
        using var red = Image.Black(100, 100, bands: 3).NewFromImage([255.0, 0, 0]);
        using var green = Image.Black(100, 100, bands: 3).NewFromImage([0, 255.0, 0]);
        using var blue = Image.Black(100, 100, bands: 3).NewFromImage([0, 0, 255.0]);
        using var strip = Image.Arrayjoin([red, green, blue]);
        var id = "strip" + Guid.NewGuid().ToString("N")[..8];
        await _client.UploadOkAsync(id, strip.WriteToBuffer(".png"));
        using var square = Pixels.Load(await _client.GetByteArrayAsync($"/derived/{id}-50x50.png"));
        Assert.Equal((50, 50), (square.Width, square.Height));
        var pixel = square.Getpoint(25, 25);
        Assert.True(pixel[1] > 200 && pixel[0] < 30 && pixel[2] < 30, string.Join(",", pixel));
        var edge = square.Getpoint(1, 25);
        Assert.True(edge[1] > 200, "the crop should be the green middle third, edge to edge");
    }

    [Theory]
    [InlineData("jpg", "image/jpeg", "jpegload")]
    [InlineData("jpeg", "image/jpeg", "jpegload")]
    [InlineData("JPG", "image/jpeg", "jpegload")]
    [InlineData("png", "image/png", "pngload")]
    [InlineData("webp", "image/webp", "webpload")]
    [InlineData("gif", "image/gif", "gifload")]
    [InlineData("avif", "image/avif", "heifload")]
    [InlineData("tiff", "image/tiff", "tiffload")]
    [InlineData("TIFF", "image/tiff", "tiffload")]
    public async Task The_extension_chooses_the_output_format(string ext, string contentType, string loader)
    {
        var id = await UploadAsync("wuffs/hippopotamus.jpeg");
        var response = await _client.GetAsync($"/derived/{id}-80x60.{ext}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var image = Pixels.Load(bytes);
        Assert.StartsWith(loader, (string)image.Get("vips-loader"));
        Assert.Equal((80, 60), (image.Width, image.Height));
    }

    [Fact]
    public async Task Derived_images_are_upright_and_carry_no_orientation_or_metadata()
    {
        // The same picture with EXIF orientations 1..8 (and none): every derived image must look the same.
        foreach (var set in new[] { "Landscape", "Portrait" })
        {
            var reference = await _client.GetByteArrayAsync($"/derived/{await UploadAsync($"orientation/{set}_1.jpg")}-120x90.jpg");
            for (var orientation = 0; orientation <= 8; orientation++)
            {
                var derived = await _client.GetByteArrayAsync($"/derived/{await UploadAsync($"orientation/{set}_{orientation}.jpg")}-120x90.jpg");
                var difference = Pixels.Difference(reference, derived);
                Assert.True(difference < 12, $"{set}_{orientation} differs from upright by {difference:F1}/255 per sample");
                using var image = Pixels.Load(derived);
                Assert.False(image.Contains("orientation") && (int)image.Get("orientation") != 1, $"{set}_{orientation} still has an orientation tag");
                Assert.False(image.Contains("exif-data"), $"{set}_{orientation} kept its EXIF block");
                Assert.False(image.Contains("xmp-data"), $"{set}_{orientation} kept XMP");
            }
        }
    }

    [Fact]
    public async Task The_original_metadata_reports_upright_dimensions()
    {
        var id = await UploadAsync("orientation/Landscape_6.jpg"); // stored 1200×1800, displayed 1800×1200
        var body = await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync();
        Assert.True(body.GetProperty("width").GetInt32() > body.GetProperty("height").GetInt32());
    }

    [Fact]
    public async Task Cmyk_sources_come_out_as_srgb()
    {
        using var rgb = Image.Black(64, 64, bands: 3).NewFromImage([30.0, 140.0, 220.0]);
        using var cmyk = rgb.Colourspace(Enums.Interpretation.Cmyk);
        var id = "cmyk" + Guid.NewGuid().ToString("N")[..8];
        await _client.UploadOkAsync(id, cmyk.WriteToBuffer(".jpg", new VOption { { "Q", 95 } }));
        using var derived = Pixels.Load(await _client.GetByteArrayAsync($"/derived/{id}-32x32.jpg"));
        Assert.Equal(3, derived.Bands);
        Assert.Equal(Enums.Interpretation.Srgb, derived.Interpretation);
        var pixel = derived.Getpoint(16, 16);
        Assert.InRange(pixel[2], 170, 255); // still blue-ish, not inverted CMYK values
    }

    [Theory]
    [InlineData("0x100.jpg", HttpStatusCode.Forbidden)]
    [InlineData("100x0.jpg", HttpStatusCode.Forbidden)]
    [InlineData("0100x100.jpg", HttpStatusCode.Forbidden)]
    [InlineData("100x8193.jpg", HttpStatusCode.Forbidden)]
    [InlineData("99999999999x100.jpg", HttpStatusCode.Forbidden)]
    [InlineData("100x100.bmp", HttpStatusCode.BadRequest)]
    [InlineData("100x100.exe", HttpStatusCode.BadRequest)]
    public async Task Sizes_not_allowed_are_403_and_unknown_extensions_400(string suffix, HttpStatusCode expected)
    {
        var id = await UploadAsync("wuffs/hat.png");
        await (await _client.GetAsync($"/derived/{id}-{suffix}")).ProblemAsync(expected);
    }

    [Theory]
    [InlineData("/derived/nothing-here.jpg")]
    [InlineData("/derived/no_size.jpg")]
    [InlineData("/derived/x-10x10")]
    [InlineData("/derived/-10x10.jpg")]
    public async Task Names_that_do_not_decode_are_404(string url) =>
        await (await _client.GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound);

    [Fact]
    public async Task A_missing_original_is_404() =>
        await (await _client.GetAsync("/derived/never-uploaded-10x10.jpg")).ProblemAsync(HttpStatusCode.NotFound);

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Other_methods_are_405_with_allow(string method)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/derived/x-10x10.jpg"));
        await response.ProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task Derived_images_carry_validators_and_the_default_cache_control()
    {
        var id = await UploadAsync("wuffs/hat.jpeg");
        var response = await _client.GetAsync($"/derived/{id}-40x40.webp");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Contains("max-age=31536000", response.Headers.CacheControl!.ToString());
        Assert.True(response.Headers.CacheControl.Public);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        var again = await _client.GetAsync($"/derived/{id}-40x40.webp");
        Assert.Equal(response.Headers.ETag, again.Headers.ETag);
        Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());

        var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/derived/{id}-40x40.webp"));
        Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        var byTag = new HttpRequestMessage(HttpMethod.Get, $"/derived/{id}-40x40.webp");
        byTag.Headers.IfNoneMatch.Add(response.Headers.ETag);
        var notModified = await _client.SendAsync(byTag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(response.Headers.ETag, notModified.Headers.ETag);

        var otherTag = new HttpRequestMessage(HttpMethod.Get, $"/derived/{id}-40x40.webp");
        otherTag.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(otherTag)).StatusCode);

        var bySince = new HttpRequestMessage(HttpMethod.Get, $"/derived/{id}-40x40.webp");
        bySince.Headers.IfModifiedSince = response.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(bySince)).StatusCode);

        var earlier = new HttpRequestMessage(HttpMethod.Get, $"/derived/{id}-40x40.webp");
        earlier.Headers.IfModifiedSince = response.Content.Headers.LastModified!.Value.AddHours(-1);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(earlier)).StatusCode);
    }

    [Fact]
    public async Task Concurrent_requests_for_a_new_derived_image_generate_it_once_and_get_the_same_bytes()
    {
        var id = await UploadAsync("bench/harvesters-4032x3024.jpg");
        var before = await _client.GeneratedAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => _client.GetAsync($"/derived/{id}-333x222.jpg")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsByteArrayAsync()));
        Assert.All(bodies, b => Assert.Equal(bodies[0], b));
        Assert.Equal(before + 1, await _client.GeneratedAsync());
    }
}
