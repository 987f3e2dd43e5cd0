using Pictor.Configuration;
using Pictor.Images;
using Pictor.Imaging;

namespace Pictor.Tests.Units;

/// <summary>The arithmetic of every mode on exact numbers: sizes, rounding, offsets, one-pixel edges.</summary>
public sealed class GeometryTests
{
    private static readonly EncodingOptions Encoding = new();

    private static TransformOptions Options(int? w, int? h, ResizeMode? mode = null, Gravity gravity = Gravity.Default, double dpr = 1) =>
        TransformOptions.Create(w, h, mode, gravity, null, dpr, Rgb.White, ImageFormat.Jpeg, Encoding);

    private static Layout Plan(int sw, int sh, TransformOptions o, FocalPoint? focus = null, int max = 8192) => Geometry.Plan(sw, sh, o, max, focus);

    [Fact]
    public void Fill_covers_then_crops_the_centre()
    {
        // 2725×2225 to 300×200: scale max(0.1101, 0.0899) = 0.11009 → 300×245, 45 rows spare, 22 above.
        var l = Plan(2725, 2225, Options(300, 200));
        Assert.Equal((300, 245), (l.ResizedWidth, l.ResizedHeight));
        Assert.Equal((0, 22, 300, 200), (l.CropLeft, l.CropTop, l.CropWidth, l.CropHeight));
        Assert.Equal((300, 200), (l.OutputWidth, l.OutputHeight));
        Assert.False(l.Pads);
    }

    [Fact]
    public void Fill_never_rounds_the_crop_short()
    {
        // 3×1000 to 1×333: 1000 × (1/3) = 333.33 → 333; width 1 exactly.
        var l = Plan(3, 1000, Options(1, 333));
        Assert.Equal((1, 333), (l.ResizedWidth, l.ResizedHeight));
        // 1000×3 to 334×1: scale max(0.334, 0.333) = 0.334 → 1.002 rows → 1.
        var m = Plan(1000, 3, Options(334, 1));
        Assert.Equal((334, 1), (m.ResizedWidth, m.ResizedHeight));
    }

    [Theory]
    [InlineData(Gravity.North, 0)]
    [InlineData(Gravity.South, 100)]
    [InlineData(Gravity.West, 50)]
    [InlineData(Gravity.Center, 50)]
    [InlineData(Gravity.NorthEast, 0)]
    [InlineData(Gravity.SouthWest, 100)]
    public void Fill_gravity_places_the_crop_of_a_tall_image(Gravity gravity, int top)
    {
        // 200×400 to 100×100: halved to 100×200, 100 rows spare, none across.
        var l = Plan(200, 400, Options(100, 100, gravity: gravity));
        Assert.Equal((100, 200), (l.ResizedWidth, l.ResizedHeight));
        Assert.Equal((0, top), (l.CropLeft, l.CropTop));
    }

    [Theory]
    [InlineData(Gravity.East, 100)]
    [InlineData(Gravity.SouthEast, 100)]
    [InlineData(Gravity.West, 0)]
    [InlineData(Gravity.Center, 50)]
    public void Fill_gravity_places_the_crop_of_a_wide_image(Gravity gravity, int left)
    {
        var l = Plan(400, 200, Options(100, 100, gravity: gravity));
        Assert.Equal((200, 100), (l.ResizedWidth, l.ResizedHeight));
        Assert.Equal((left, 0), (l.CropLeft, l.CropTop));
    }

    [Theory]
    [InlineData(0.31, 0.5, 12, 0)]   // 0.31 × 200 − 50 = 12
    [InlineData(0.0, 0.5, 0, 0)]     // clamped at the left edge
    [InlineData(0.99, 0.5, 100, 0)]  // clamped at the right edge
    [InlineData(0.75, 0.5, 100, 0)]  // 150 − 50 = 100, exactly the edge
    public void Fill_centres_the_focal_point_as_far_as_the_edges_allow(double x, double y, int left, int top)
    {
        var l = Plan(400, 200, Options(100, 100), new FocalPoint(x, y));
        Assert.Equal((left, top), (l.CropLeft, l.CropTop));
        var explicitFocus = Plan(400, 200, Options(100, 100, gravity: Gravity.Focus), new FocalPoint(x, y));
        Assert.Equal(l, explicitFocus);
        var centre = Plan(400, 200, Options(100, 100, gravity: Gravity.Center), new FocalPoint(x, y));
        Assert.Equal(50, centre.CropLeft); // an explicit gravity ignores the focal point
    }

    [Fact]
    public void Focus_without_a_focal_point_is_the_centre() =>
        Assert.Equal(50, Plan(400, 200, Options(100, 100, gravity: Gravity.Focus)).CropLeft);

    [Fact]
    public void Auto_asks_for_a_smart_crop_and_nothing_else_does()
    {
        Assert.True(Plan(400, 200, Options(100, 100, gravity: Gravity.Auto)).SmartCrop);
        Assert.False(Plan(400, 200, Options(100, 100)).SmartCrop);
        Assert.False(Plan(400, 200, Options(100, 100, ResizeMode.Pad, Gravity.Auto)).SmartCrop);
    }

    [Theory]
    [InlineData(400, 200, 300, 300, 300, 150)]   // wide into a square: width bounds
    [InlineData(200, 400, 300, 300, 150, 300)]   // tall
    [InlineData(300, 300, 100, 50, 50, 50)]      // square into a wide box
    [InlineData(1165, 859, 333, 333, 333, 246)]  // 859 × 333/1165 = 245.5 → 246
    [InlineData(100, 50, 1000, 1000, 1000, 500)] // fit enlarges
    public void Fit_contains_within_the_box(int sw, int sh, int w, int h, int ow, int oh)
    {
        var l = Plan(sw, sh, Options(w, h, ResizeMode.Fit));
        Assert.Equal((ow, oh, ow, oh), (l.ResizedWidth, l.ResizedHeight, l.OutputWidth, l.OutputHeight));
        Assert.False(l.Crops);
        Assert.False(l.Pads);
    }

    [Fact]
    public void Limit_never_enlarges()
    {
        var small = Plan(100, 50, Options(1000, 1000, ResizeMode.Limit));
        Assert.Equal((100, 50), (small.OutputWidth, small.OutputHeight));
        var large = Plan(1000, 500, Options(100, 100, ResizeMode.Limit));
        Assert.Equal((100, 50), (large.OutputWidth, large.OutputHeight));
    }

    [Theory]
    [InlineData(Gravity.Center, 0, 75)]
    [InlineData(Gravity.North, 0, 0)]
    [InlineData(Gravity.South, 0, 150)]
    [InlineData(Gravity.East, 0, 75)]
    public void Pad_places_the_image_on_the_canvas(Gravity gravity, int left, int top)
    {
        // 400×200 padded into 300×300: 300×150 image, 150 rows of background.
        var l = Plan(400, 200, Options(300, 300, ResizeMode.Pad, gravity));
        Assert.Equal((300, 150), (l.ResizedWidth, l.ResizedHeight));
        Assert.Equal((300, 300), (l.OutputWidth, l.OutputHeight));
        Assert.Equal((left, top), (l.PlaceLeft, l.PlaceTop));
        Assert.True(l.Pads);
    }

    [Fact]
    public void Pad_places_the_focal_point_near_the_middle()
    {
        // Image 150 rows tall, focus at 0.9 of it: 150 − 135 = 15 from the top.
        var l = Plan(400, 200, Options(300, 300, ResizeMode.Pad), new FocalPoint(0.5, 0.9));
        Assert.Equal(15, l.PlaceTop);
    }

    [Theory]
    [InlineData(300, null, 300, 225)]  // 4:3, width given
    [InlineData(null, 300, 400, 300)]  // height given
    [InlineData(null, null, 4000, 3000)] // neither: the original size
    public void A_missing_side_follows_the_aspect_ratio(int? w, int? h, int ow, int oh)
    {
        var l = Plan(4000, 3000, Options(w, h));
        Assert.Equal((ow, oh), (l.OutputWidth, l.OutputHeight));
    }

    [Fact]
    public void Dpr_multiplies_the_box_and_the_largest_dimension_caps_it()
    {
        var l = Plan(4000, 3000, Options(300, 200, dpr: 2.5));
        Assert.Equal((750, 500), (l.OutputWidth, l.OutputHeight));
        var capped = Plan(4000, 3000, Options(3000, 2000, dpr: 4), max: 8192);
        Assert.Equal((8192, 8000), (capped.OutputWidth, capped.OutputHeight));
        var limit = Plan(1000, 500, Options(800, 800, ResizeMode.Limit, dpr: 2));
        Assert.Equal((1000, 500), (limit.OutputWidth, limit.OutputHeight)); // limit caps at the original
        var tall = Plan(100, 10000, Options(200, null), max: 8192);
        Assert.Equal((82, 8192), (tall.OutputWidth, tall.OutputHeight)); // the derived side is capped too
    }
}
