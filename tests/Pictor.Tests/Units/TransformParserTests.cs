using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Images;
using Pictor.Problems;

namespace Pictor.Tests.Units;

/// <summary>The options parser and the canonical form: one spelling per variant, stable under re-parsing.</summary>
public sealed class TransformParserTests
{
    private static readonly TransformParser Parser = new(
        Options.Create(new LimitsOptions()), Options.Create(new EncodingOptions()),
        Options.Create(new PictorOptions { Presets = { ["thumb"] = "w_64,h_64,q_70", ["wide"] = "w_300,h_100,c_pad,b_000000" } }));

    private static string Canonical(string name) =>
        Parser.Parse("id", name) is var request && request.Format is { } format ? request.For(format).Variant : throw new InvalidOperationException("auto");

    [Theory]
    [InlineData("w_200,h_100.jpg", "200x100.jpg")]
    [InlineData("h_100,w_200,c_fill.jpeg", "200x100.jpg")]
    [InlineData("w_200,h_100,q_80,dpr_1,b_ffffff.jpg", "200x100.jpg")]
    [InlineData("w_200,h_100,g_center.jpg", "w_200,h_100,g_center.jpg")] // explicit: ignores a focal point
    [InlineData("w_200,c_fill.png", "w_200.png")]                       // one side: every mode but limit is a fit
    [InlineData("w_200,c_pad,g_north.png", "w_200.png")]
    [InlineData("w_200,c_limit.png", "w_200,c_limit.png")]
    [InlineData("q_50.jpg", "c_limit,q_50.jpg")]                        // no size: the original's, never larger
    [InlineData("w_10,h_10,c_fit,g_south,q_40.png", "w_10,h_10,c_fit.png")]
    [InlineData("w_10,h_10,c_pad,g_auto.webp", "w_10,h_10,c_pad,g_center.webp")]
    [InlineData("dpr_2.0,w_10.avif", "w_10,dpr_2.avif")]
    [InlineData("dpr_2.5,w_10,b_ABCDEF,c_pad,h_5,g_south_east,q_100.tiff", "w_10,h_5,c_pad,g_south_east,dpr_2.5,b_abcdef.tiff")]
    [InlineData("t_thumb.jpg", "w_64,h_64,q_70.jpg")]
    [InlineData("t_thumb,q_80.jpg", "64x64.jpg")]                         // override back to the default
    [InlineData("c_fit,t_wide,w_200.png", "w_200,h_100,c_fit,b_000000.png")]
    public void Equivalent_spellings_have_one_canonical_form(string name, string canonical) =>
        Assert.Equal(canonical, Canonical(name));

    [Fact]
    public void The_longest_canonical_form_fits_the_variant_column()
    {
        var longest = Canonical("w_8192,h_8192,c_pad,g_north_east,q_99,dpr_3.5,b_abcdef.avif");
        Assert.True(longest.Length <= 128, $"{longest.Length}: {longest}");
    }

    [Fact]
    public void Canonical_forms_parse_back_to_themselves()
    {
        // Property: for random token sets, parse(canonical(x)) has the same canonical form as x.
        var random = new Random(12);
        string[] modes = ["fill", "fit", "limit", "pad"];
        string[] gravities = ["center", "north", "south_west", "auto", "focus", "east"];
        string[] exts = ["jpg", "jpeg", "png", "webp", "gif", "avif", "tiff"];
        for (var i = 0; i < 2000; i++)
        {
            var tokens = new List<string>();
            if (random.Next(3) > 0) tokens.Add($"w_{random.Next(1, 9000) % 8192 + 1}");
            if (random.Next(3) > 0) tokens.Add($"h_{random.Next(1, 8193)}");
            if (random.Next(2) > 0) tokens.Add($"c_{modes[random.Next(modes.Length)]}");
            if (random.Next(2) > 0) tokens.Add($"g_{gravities[random.Next(gravities.Length)]}");
            if (random.Next(2) > 0) tokens.Add($"q_{random.Next(1, 101)}");
            if (random.Next(2) > 0) tokens.Add($"dpr_{(random.Next(2, 9) / 2.0).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            if (random.Next(3) == 0) tokens.Add($"b_{random.Next(0x1000000):x6}");
            if (random.Next(4) == 0) tokens.Add("t_thumb");
            if (tokens.Count == 0) tokens.Add("q_50");
            var shuffled = tokens.OrderBy(_ => random.Next()).ToList();
            var name = $"{string.Join(',', shuffled)}.{exts[random.Next(exts.Length)]}";

            var canonical = Canonical(name);
            Assert.Equal(canonical, Canonical(canonical.Contains('_') ? canonical : ToOptions(canonical)));
            Assert.Equal(canonical, Canonical(string.Join(',', shuffled.AsEnumerable().Reverse()) + name[name.LastIndexOf('.')..]));
        }
    }

    /// <summary><c>200x100.jpg</c> as the option URL it stands for.</summary>
    private static string ToOptions(string pymager)
    {
        var (size, ext) = (pymager[..pymager.IndexOf('.')], pymager[(pymager.IndexOf('.') + 1)..]);
        var (w, h) = (size[..size.IndexOf('x')], size[(size.IndexOf('x') + 1)..]);
        return $"w_{w},h_{h}.{ext}";
    }

    [Fact]
    public void Pymager_names_and_their_option_urls_are_one_variant()
    {
        var pymager = Parser.Pymager(DerivedSpec.Parse("pic-300x200.webp", 8192));
        Assert.Equal(Parser.Parse("pic", "w_300,h_200,c_fill.webp").For(ImageFormat.Webp), pymager.For(ImageFormat.Webp));
        Assert.Equal(TransformKind.Pymager, pymager.Kind);
        Assert.Equal(TransformKind.Preset, Parser.Parse("pic", "t_thumb.jpg").Kind);
        Assert.Equal(TransformKind.Options, Parser.Parse("pic", "t_thumb,w_5.jpg").Kind);
        Assert.Null(Parser.Parse("pic", "w_5.auto").Format);
    }

    [Theory]
    [InlineData("t_thumb,t_thumb.jpg", 400, "more than once")]
    [InlineData("w_1,h_2,w_1.jpg", 400, "'w' is given more than once")]
    [InlineData("W_10.jpg", 400, "keys are")]      // keys are lower case
    [InlineData("c_FIT.jpg", 400, "fill, fit, limit, pad")]
    [InlineData("dpr_1.25.jpg", 400, "steps of 0.5")]
    [InlineData("dpr_.5.jpg", 400, "steps of 0.5")]
    [InlineData("q_1e2.jpg", 400, "'q_1e2'")]
    [InlineData("w_10.exe", 400, "'exe' is not supported")]
    [InlineData("t_unknown.jpg", 404, "no preset 'unknown'")]
    [InlineData("w_10", 404, "not a derived image name")]
    [InlineData(".jpg", 404, "not a derived image name")]
    public void Bad_option_urls_say_what_is_wrong(string name, int status, string message)
    {
        var e = Assert.Throws<ProblemException>(() => Parser.Parse("id", name));
        Assert.Equal(status, e.Status);
        Assert.Contains(message, e.Detail);
    }

    [Fact]
    public void Presets_cannot_nest()
    {
        var e = Assert.Throws<ProblemException>(() => TransformParser.ParseTokens("t_thumb", 8192, presets: null));
        Assert.Contains("do not nest", e.Detail);
    }
}
