using System.Net;
using System.Net.Http.Headers;
using NetVips;
using Pictor.Tests.Infrastructure;
using static Pictor.Tests.Infrastructure.TestPictures;

namespace Pictor.Tests.Contract;

/// <summary>API.md "Transformations": modes, gravities, formats, dpr, quality, canonical variants, animations, errors.</summary>
public abstract class TransformTests<TBackend>(TBackend factory) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private readonly HttpClient _client = factory.Client();

    private async Task<string> UploadAsync(byte[] bytes)
    {
        var id = "t_" + Guid.NewGuid().ToString("N")[..12];
        await _client.UploadOkAsync(id, bytes);
        return id;
    }

    private async Task<Image> GetImageAsync(string url, HttpClient? client = null)
    {
        var response = await (client ?? _client).GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        return Pixels.Load(body);
    }

    public static TheoryData<string, string, int, int> Modes() => new()
    {
        // original (landscape 400×200, portrait 200×400, square 300×300) × mode, in a 100×100 box
        { "landscape", "c_fill", 100, 100 }, { "portrait", "c_fill", 100, 100 }, { "square", "c_fill", 100, 100 },
        { "landscape", "c_fit", 100, 50 }, { "portrait", "c_fit", 50, 100 }, { "square", "c_fit", 100, 100 },
        { "landscape", "c_limit", 100, 50 }, { "portrait", "c_limit", 50, 100 }, { "square", "c_limit", 100, 100 },
        { "landscape", "c_pad", 100, 100 }, { "portrait", "c_pad", 100, 100 }, { "square", "c_pad", 100, 100 },
    };

    private static byte[] Original(string shape) => shape switch
    {
        "landscape" => Pixels.Solid(400, 200),
        "portrait" => Pixels.Solid(200, 400),
        _ => Pixels.Solid(300, 300),
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Each_mode_gives_its_size_and_the_record_keeps_the_real_one(string shape, string mode, int width, int height)
    {
        var id = await UploadAsync(Original(shape));
        using var image = await GetImageAsync($"/derived/{id}/w_100,h_100,{mode}.png");
        Assert.Equal((width, height), (image.Width, image.Height));

        var derived = (await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync()).GetProperty("derived").EnumerateArray().Single();
        Assert.Equal((width, height), (derived.GetProperty("width").GetInt32(), derived.GetProperty("height").GetInt32()));
        var canonical = mode == "c_fill" ? $"{id}-100x100.png" : $"{id}/w_100,h_100,{mode}.png";
        Assert.Equal(canonical, derived.GetProperty("name").GetString());
        Assert.Equal($"/derived/{canonical}", derived.GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("w_150", 150, 75)]
    [InlineData("h_150", 300, 150)]
    [InlineData("w_800,c_limit", 400, 200)]  // never enlarges
    [InlineData("w_800", 800, 400)]          // fit may enlarge
    [InlineData("q_50", 400, 200)]           // no size: the original's
    public async Task One_side_or_none_keeps_the_aspect_ratio(string options, int width, int height)
    {
        var id = await UploadAsync(Original("landscape"));
        using var image = await GetImageAsync($"/derived/{id}/{options}.jpg");
        Assert.Equal((width, height), (image.Width, image.Height));
    }

    [Theory]
    [InlineData("orientation/Landscape_6.jpg")]
    [InlineData("orientation/Landscape_3.jpg")]
    [InlineData("orientation/Portrait_8.jpg")]
    public async Task Turned_jpegs_derive_upright_at_their_full_size(string file)
    {
        // No size: nothing to shrink on load, so the turn meets the decoder's rows at full size.
        var id = await UploadAsync(Corpus.Bytes(file));
        var metadata = await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync();
        using var image = await GetImageAsync($"/derived/{id}/q_30.jpg");
        Assert.Equal((metadata.GetProperty("width").GetInt32(), metadata.GetProperty("height").GetInt32()), (image.Width, image.Height));
        var reference = await _client.GetByteArrayAsync($"/derived/{await UploadAsync(Corpus.Bytes(file[..^6] + "_1.jpg"))}/q_30.jpg");
        Assert.True(Pixels.Difference(reference, image.JpegsaveBuffer()) < 12, "upright like the untagged picture");
    }

    [Fact]
    public async Task Limit_leaves_a_small_original_at_its_size()
    {
        var id = await UploadAsync(Original("landscape"));
        using var image = await GetImageAsync($"/derived/{id}/w_1000,h_1000,c_limit.png");
        Assert.Equal((400, 200), (image.Width, image.Height));
    }

    [Fact]
    public async Task Pad_fills_the_corners_with_the_background()
    {
        var id = await UploadAsync(Pixels.Solid(400, 200, colour: Green)); // green 2:1 into a square: bands above and below
        using var red = await GetImageAsync($"/derived/{id}/w_100,h_100,c_pad,b_ff0000.png");
        Assert.Equal((100, 100), (red.Width, red.Height));
        foreach (var (x, y) in new[] { (0, 0), (99, 0), (0, 99), (99, 99) })
            Assert.True(Near(red.Getpoint(x, y), Red, 2), $"corner ({x},{y}) is {string.Join(",", red.Getpoint(x, y))}");
        Assert.True(Near(red.Getpoint(50, 50), Green, 2));

        using var white = await GetImageAsync($"/derived/{id}/w_100,h_100,c_pad.jpg"); // default background
        Assert.True(white.Getpoint(2, 2).All(v => v > 245));

        using var north = await GetImageAsync($"/derived/{id}/w_100,h_100,c_pad,g_north,b_0000ff.png");
        Assert.True(Near(north.Getpoint(50, 10), Green, 2), "g_north places the image at the top");
        Assert.True(Near(north.Getpoint(50, 90), Blue, 2), "and the background below it");
    }

    [Theory]
    [InlineData(true, "g_north", 0)]
    [InlineData(true, "g_center", 1)]
    [InlineData(true, "g_south", 2)]
    [InlineData(true, "g_north_west", 0)]
    [InlineData(true, "g_south_east", 2)]
    [InlineData(false, "g_west", 0)]
    [InlineData(false, "g_center", 1)]
    [InlineData(false, "g_east", 2)]
    [InlineData(false, "g_north_east", 2)]
    [InlineData(false, "g_south_west", 0)]
    public async Task Gravity_chooses_the_band_a_fill_keeps(bool vertical, string gravity, int band)
    {
        var id = await UploadAsync(Bands(100, 100, vertical, Red, Green, Blue));
        using var image = await GetImageAsync($"/derived/{id}/w_50,h_50,{gravity}.png");
        Assert.Equal((50, 50), (image.Width, image.Height));
        var expected = new[] { Red, Green, Blue }[band];
        foreach (var (x, y) in new[] { (5, 5), (44, 5), (5, 44), (44, 44), (25, 25) }) // away from the band edges, where the filter rings
            Assert.True(Near(image.Getpoint(x, y), expected), $"{gravity}: ({x},{y}) is {string.Join(",", image.Getpoint(x, y))}");
    }

    [Fact]
    public async Task Gravity_on_quadrants_keeps_the_named_corner_half()
    {
        var id = await UploadAsync(Quadrants(200, 400)); // each quadrant 100×200: a square crop keeps one half
        using var top = await GetImageAsync($"/derived/{id}/w_100,h_100,g_north_east.png");
        Assert.True(Near(top.Getpoint(25, 50), Red, 2) && Near(top.Getpoint(75, 50), Green, 2));
        using var bottom = await GetImageAsync($"/derived/{id}/w_100,h_100,g_south_west.png");
        Assert.True(Near(bottom.Getpoint(25, 50), Blue, 2) && Near(bottom.Getpoint(75, 50), Yellow, 2));
    }

    [Fact]
    public async Task Auto_gravity_finds_the_salient_object_off_centre()
    {
        var id = await UploadAsync(SalientRight(600, 200, 120));
        using var centre = await GetImageAsync($"/derived/{id}/w_200,h_200.png");
        using var auto = await GetImageAsync($"/derived/{id}/w_200,h_200,g_auto.png");
        Assert.True(Near(Mean(centre, 0, 0, 200, 200), [128, 128, 128], 5), "the centre crop is plain grey");
        var objectShare = SaturatedShare(auto);
        Assert.True(objectShare > 0.2, $"g_auto should keep the object; {objectShare:P0} of the crop is red or yellow");
    }

    private static double SaturatedShare(Image image)
    {
        using var red = image[0];
        using var blue = image[2];
        using var saturated = (red - blue) > 100;
        return saturated.Avg() / 255;
    }

    private Task<HttpResponseMessage> SetFocusAsync(string id, string json) =>
        _client.PatchAsync($"/original/{id}", new StringContent(json, System.Text.Encoding.UTF8, "application/merge-patch+json"));

    [Fact]
    public async Task A_stored_focal_point_places_fills_and_pads_unless_a_gravity_says_otherwise()
    {
        var id = await UploadAsync(Bands(100, 100, false, Red, Green, Blue)); // 300×100: red | green | blue
        Assert.Equal(HttpStatusCode.OK, (await SetFocusAsync(id, """{"focus": {"x": 0.9, "y": 0.5}}""")).StatusCode);
        using var byDefault = await GetImageAsync($"/derived/{id}-50x50.png");
        using var byFocus = await GetImageAsync($"/derived/{id}/w_50,h_50,g_focus.png");
        using var byCentre = await GetImageAsync($"/derived/{id}/w_50,h_50,g_center.png");
        Assert.True(Near(byDefault.Getpoint(25, 25), Blue), "without g_ a fill centres on the focal point");
        Assert.True(Near(byFocus.Getpoint(25, 25), Blue), "g_focus centres on it");
        Assert.True(Near(byCentre.Getpoint(25, 25), Green), "an explicit gravity ignores it");

        // Pad: 300×100 into 100×100 spans the width; the focal point (mid-height) stays mid-canvas, background above and below.
        using var padded = await GetImageAsync($"/derived/{id}/w_100,h_100,c_pad,b_000000.png");
        Assert.True(Near(padded.Getpoint(50, 10), [0, 0, 0], 2) && Near(padded.Getpoint(90, 50), Blue));
    }

    [Fact]
    public async Task Setting_the_focal_point_removes_exactly_the_variants_that_follow_it()
    {
        var id = await UploadAsync(Bands(100, 100, false, Red, Green, Blue));
        string[] follow = [$"{id}-50x50.png", $"{id}/w_50,h_50,g_focus.png", $"{id}/w_80,h_50,c_pad.png"];
        string[] stay = [$"{id}/w_50,h_50,g_center.png", $"{id}/w_50,h_50,g_auto.png", $"{id}/w_80,h_50,c_fit.png", $"{id}/w_80,h_50,c_pad,g_west.png"];
        foreach (var name in follow.Concat(stay)) Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/derived/{name}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await SetFocusAsync(id, """{"focus": {"x": 0.1, "y": 0.5}}""")).StatusCode);
        var names = (await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync()).GetProperty("derived")
            .EnumerateArray().Select(d => d.GetProperty("name").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(stay.Order(StringComparer.Ordinal), names);
        using var redNow = await GetImageAsync($"/derived/{id}-50x50.png");
        Assert.True(Near(redNow.Getpoint(25, 25), Red), "made again around the new point");
    }

    public static TheoryData<string?, string, string> Accepts() => new()
    {
        { "image/avif,image/webp,image/apng,image/*,*/*;q=0.8", "image/avif", "heifload" },
        { "image/webp,*/*", "image/webp", "webpload" },
        { "image/avif;q=0,image/webp", "image/webp", "webpload" },
        { "image/png,image/*;q=0.8", "image/jpeg", "jpegload" },
        { null, "image/jpeg", "jpegload" },
    };

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task Auto_chooses_from_accept_and_varies_on_it(string? accept, string contentType, string loader)
    {
        var id = await UploadAsync(Corpus.Bytes("wuffs/hippopotamus.jpeg"));
        var request = new HttpRequestMessage(HttpMethod.Get, $"/derived/{id}/w_120,h_80.auto");
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        using var image = Pixels.Load(await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith(loader, (string)image.Get("vips-loader"));
    }

    [Fact]
    public async Task Auto_variants_have_their_own_etags_and_revalidate_separately()
    {
        var id = await UploadAsync(Corpus.Bytes("wuffs/hippopotamus.jpeg"));
        var tags = new List<EntityTagHeaderValue>();
        foreach (var accept in new[] { "image/avif", "image/webp", "image/jpeg" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/derived/{id}/w_90,h_90.auto");
            request.Headers.TryAddWithoutValidation("Accept", accept);
            tags.Add((await _client.SendAsync(request)).Headers.ETag!);
        }
        Assert.Equal(3, tags.Distinct().Count());

        var webpAgain = new HttpRequestMessage(HttpMethod.Get, $"/derived/{id}/w_90,h_90.auto");
        webpAgain.Headers.TryAddWithoutValidation("Accept", "image/webp");
        webpAgain.Headers.IfNoneMatch.Add(tags[1]);
        var notModified = await _client.SendAsync(webpAgain);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Contains("Accept", notModified.Headers.Vary);

        var avifWithWebpTag = new HttpRequestMessage(HttpMethod.Get, $"/derived/{id}/w_90,h_90.auto");
        avifWithWebpTag.Headers.TryAddWithoutValidation("Accept", "image/avif");
        avifWithWebpTag.Headers.IfNoneMatch.Add(tags[1]);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(avifWithWebpTag)).StatusCode);
    }

    [Fact]
    public async Task Auto_falls_back_to_png_for_an_original_with_alpha()
    {
        using var colour = Block(64, 64, Red);
        using var alpha = Image.Black(64, 64) + 128;
        using var rgba = colour.Bandjoin(alpha.Cast(Enums.BandFormat.Uchar));
        var id = await UploadAsync(rgba.PngsaveBuffer());
        var response = await _client.GetAsync($"/derived/{id}/w_32,h_32.auto");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var image = Pixels.Load(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(4, image.Bands);
    }

    [Theory]
    [InlineData("dpr_2", 200, 100)]
    [InlineData("dpr_1.5", 150, 75)]
    [InlineData("dpr_4", 400, 200)]
    public async Task Dpr_multiplies_the_size(string dpr, int width, int height)
    {
        var id = await UploadAsync(Corpus.Bytes("wuffs/hippopotamus.jpeg"));
        using var image = await GetImageAsync($"/derived/{id}/w_100,h_50,{dpr}.jpg");
        Assert.Equal((width, height), (image.Width, image.Height));
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("webp")]
    [InlineData("avif")]
    public async Task Quality_changes_the_size(string ext)
    {
        var id = await UploadAsync(Corpus.Bytes("bench/harvesters-2725x2225.jpg"));
        var low = await _client.GetByteArrayAsync($"/derived/{id}/w_600,h_400,q_10.{ext}");
        var high = await _client.GetByteArrayAsync($"/derived/{id}/w_600,h_400,q_95.{ext}");
        Assert.True(low.Length * 2 < high.Length, $"{ext}: q_10 {low.Length} bytes, q_95 {high.Length} bytes");
    }

    [Fact]
    public async Task Equivalent_option_strings_are_one_variant_generated_once()
    {
        var id = await UploadAsync(Corpus.Bytes("wuffs/hippopotamus.jpeg"));
        var before = await _client.GeneratedAsync();
        string[] same =
        [
            $"/derived/{id}-80x60.jpg",
            $"/derived/{id}/w_80,h_60,c_fill.jpg",
            $"/derived/{id}/h_60,w_80.jpeg",
            $"/derived/{id}/c_fill,q_80,dpr_1,b_FFFFFF,h_60,w_80.JPG",
            $"/derived/{id}/w_80,h_60,dpr_1.0.jpg",
        ];
        var responses = new List<HttpResponseMessage>();
        foreach (var url in same) responses.Add(await _client.GetAsync(url));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.ETag!.Tag).Distinct());
        Assert.Equal(before + 1, await _client.GeneratedAsync());

        // Fit ignores gravity; lossless formats ignore quality.
        var fitBefore = await _client.GeneratedAsync();
        await _client.GetAsync($"/derived/{id}/w_80,h_60,c_fit.png");
        await _client.GetAsync($"/derived/{id}/c_fit,g_north,q_30,h_60,w_80.png");
        Assert.Equal(fitBefore + 1, await _client.GeneratedAsync());
        var names = (await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync()).GetProperty("derived")
            .EnumerateArray().Select(d => d.GetProperty("name").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([$"{id}-80x60.jpg", $"{id}/w_80,h_60,c_fit.png"], names);
    }

    [Fact]
    public async Task Animated_gif_and_webp_stay_animated_and_jpeg_takes_the_first_frame()
    {
        double[][] colours = [Red, Green, Blue];
        int[] delays = [100, 250, 400];
        foreach (var suffix in new[] { ".gif", ".webp" })
        {
            var id = await UploadAsync(Animation(suffix, 80, 40, colours, delays, loop: 3));
            foreach (var ext in new[] { "gif", "webp" })
            {
                var bytes = await _client.GetByteArrayAsync($"/derived/{id}/w_40,h_40.{ext}");
                using var animation = Image.NewFromBuffer(bytes, kwargs: new VOption { { "n", -1 } });
                Assert.Equal(3, (int)animation.Get("n-pages"));
                Assert.Equal(40, animation.PageHeight);
                Assert.Equal(40, animation.Width);
                Assert.Equal(delays, (int[])animation.Get("delay"));
                Assert.Equal(3, (int)animation.Get("loop"));
                for (var frame = 0; frame < 3; frame++)
                    Assert.True(Near(Mean(animation, 0, frame * 40, 40, 40)[..3], colours[frame], 12), $"{suffix} → {ext}: frame {frame}");
            }
            using var still = await GetImageAsync($"/derived/{id}/w_40,h_40.jpg");
            Assert.Equal((40, 40), (still.Width, still.Height));
            Assert.True(Near(Mean(still, 0, 0, 40, 40), Red, 12), "a JPEG is the first frame");
        }
    }

    public static TheoryData<string, int, string> Malformed() => new()
    {
        { "w_0", 400, "'w_0'" },
        { "w_8193", 400, "'w_8193'" },
        { "w_010", 400, "'w_010'" },
        { "w_abc", 400, "'w_abc'" },
        { "w_", 400, "'w_'" },
        { "h_-5", 400, "'h_-5'" },
        { "w_10,w_20", 400, "more than once" },
        { "w_10,,h_10", 400, "empty" },
        { "w_10,", 400, "empty" },
        { "c_crop", 400, "fill, fit, limit, pad" },
        { "g_up", 400, "north_east" },
        { "q_0", 400, "'q_0'" },
        { "q_101", 400, "'q_101'" },
        { "dpr_0.5", 400, "steps of 0.5" },
        { "dpr_1.2", 400, "steps of 0.5" },
        { "dpr_5", 400, "steps of 0.5" },
        { "b_red", 400, "b_RRGGBB" },
        { "b_12345", 400, "b_RRGGBB" },
        { "x_1", 400, "keys are" },
        { "width_100", 400, "keys are" },
        { "w100", 400, "key_value" },
        { "t_nothing", 404, "no preset 'nothing'" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_tokens_are_refused_naming_the_token(string options, int status, string named)
    {
        var id = await UploadAsync(Pixels.Solid(40, 30));
        var problem = await (await _client.GetAsync($"/derived/{id}/{options}.jpg")).ProblemAsync((HttpStatusCode)status);
        Assert.Contains(named, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("w_10.bmp", HttpStatusCode.BadRequest)]
    [InlineData("w_10", HttpStatusCode.NotFound)]
    [InlineData("w_10.", HttpStatusCode.NotFound)]
    public async Task Extensions_are_checked(string name, HttpStatusCode status)
    {
        var id = await UploadAsync(Pixels.Solid(40, 30));
        await (await _client.GetAsync($"/derived/{id}/{name}")).ProblemAsync(status);
    }

    [Fact]
    public async Task Unknown_originals_and_undecodable_ids_are_404()
    {
        await (await _client.GetAsync("/derived/never-uploaded/w_10.jpg")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/derived/bad.id/w_10.jpg")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/derived/never-uploaded/w_10.auto")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
