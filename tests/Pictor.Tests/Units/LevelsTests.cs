using Pictor.Configuration;
using Pictor.Images;
using Pictor.Imaging;

namespace Pictor.Tests.Units;

/// <summary>Which levels an original has and which of them a derive reads, on exact numbers.</summary>
public sealed class LevelsTests
{
    private static Layout Plan(int sw, int sh, int? w, int? h) =>
        Geometry.Plan(sw, sh, TransformOptions.Create(w, h, null, Gravity.Default, null, 1, Rgb.White, ImageFormat.Jpeg, new EncodingOptions()), 8192);

    [Fact]
    public void An_original_has_every_level_below_its_long_side_and_an_animation_none()
    {
        Assert.Equal([2048, 1448, 1024, 724, 512], Levels.For(4032, 3024, 1).Select(l => l.LongSide));
        Assert.Equal((1448, 1086), (Levels.For(4032, 3024, 1)[1].Width, Levels.For(4032, 3024, 1)[1].Height)); // 4:3 kept, rounded
        Assert.Equal([1024, 724, 512], Levels.For(859, 1165, 1).Select(l => l.LongSide)); // portrait: the long side is the height
        Assert.Empty(Levels.For(512, 300, 1)); // a level must be smaller than the original
        Assert.Empty(Levels.For(4032, 3024, 2));
    }

    [Fact]
    public void A_derive_reads_the_smallest_level_at_least_one_and_a_half_times_the_resized_size_then_larger_ones()
    {
        var levels = Levels.For(1165, 859, 1); // 1024×755, 724×534, 512×378
        // w_300 resizes to 300×221: 450×332 needed; 512×378 is the smallest that holds it.
        Assert.Equal([512, 724, 1024], Levels.Candidates(levels, Plan(1165, 859, 300, null)).Select(l => l.LongSide));
        Assert.Equal(512, Levels.Pick(levels, Plan(1165, 859, 300, null))?.LongSide);
        // w_450: 450×332, so 675×498 needed: level-724.
        Assert.Equal(724, Levels.Pick(levels, Plan(1165, 859, 450, null))?.LongSide);
        // w_700: 700×516, so 1050×774 needed: larger than every level, the original serves.
        Assert.Empty(Levels.Candidates(levels, Plan(1165, 859, 700, null)));
        Assert.Null(Levels.Pick(levels, Plan(1165, 859, 700, null)));
    }
}
