
namespace Pictor.Imaging;

/// <summary>
/// Levels: downscaled, upright, 8-bit sRGB copies of a still original, stored beside it at upload, so that
/// a derive decodes the smallest one that still holds every pixel the output needs instead of the whole
/// original. Which levels an original has follows from its recorded size alone: every long side of
/// <see cref="LongSides"/> below the original's (none for animations, whose derives need every frame).
/// </summary>
public static class Levels
{
    /// <summary>
    /// Largest first, √2 apart: the level a derive reads is 1.5–2.1× its output, not 1.5–3× as with 2048, 1024
    /// and 512 alone, which halves the pixels decoded for about half the outputs (cold derives of the bench's
    /// 5 MP JPEG to JPEG: 36 → 21 ms of CPU, bench/results/stages.md). Storage: the levels of the bench's 12 MP and
    /// 5 MP JPEGs take less than the three did (0.75× and 1.29× the original, were 0.81× and 1.40×), since levels
    /// are also encoded smaller (<see cref="JpegQuality"/>); those of originals of 1449–2048 pixels, and PNG levels
    /// (alpha), take about twice as much (bench/results/levels.md).
    /// </summary>
    public static readonly int[] LongSides = [2048, 1448, 1024, 724, 512];

    /// <summary>
    /// JPEG quality of opaque levels, chroma subsampled 4:2:0: 60 % of the bytes of q95 4:4:4 (the encoding until
    /// the √2 levels), decoding as fast. A level is at least 1.5× its output, so its colour still has more
    /// resolution than a 4:2:0 output's; bench/results/levels.md measures SSIM and ΔE00 against original-derived
    /// outputs.
    /// </summary>
    public const int JpegQuality = 90;

    /// <summary>The levels of an original of this upright size, largest first.</summary>
    public static IReadOnlyList<LevelSize> For(int width, int height, int frames)
    {
        var longSide = Math.Max(width, height);
        if (frames > 1) return [];
        return [.. LongSides.Where(l => l < longSide).Select(l =>
        {
            var scale = (double)l / longSide;
            return new LevelSize(l, Side(width, scale), Side(height, scale));
        })];
    }

    public static IReadOnlyList<LevelSize> For(ImageInfo info) => For(info.Width, info.Height, info.Frames);

    /// <summary>
    /// How much larger than the resized size a level must be on both axes. A level barely larger than the output
    /// shows its own JPEG noise and a second resampling (mean SSIM against an exact resize 0.985–0.990 for
    /// levels within 1.25× of the output); from 1.5× the resize averages them away (≥ 0.996), see
    /// bench/results/levels.md. Levels are √2 apart, so the one picked is 1.5–2.1× the output.
    /// </summary>
    public const double Margin = 1.5;

    /// <summary>
    /// The smallest level at least <see cref="Margin"/> times the layout's resized size on both axes, or null when
    /// only the original will do.
    /// </summary>
    public static LevelSize? Pick(IReadOnlyList<LevelSize> levels, Layout layout)
    {
        foreach (var level in Candidates(levels, layout)) return level;
        return null; // not FirstOrDefault(): of a struct, that is a level of size 0
    }

    /// <summary>
    /// Every level at least <see cref="Margin"/> times the layout's resized size on both axes, smallest first: what
    /// a derive may read, in the order it tries them (a level lost, or not made because the original was stored
    /// before its size was one of <see cref="LongSides"/>, leaves the next larger one).
    /// </summary>
    public static IEnumerable<LevelSize> Candidates(IReadOnlyList<LevelSize> levels, Layout layout)
    {
        for (var i = levels.Count - 1; i >= 0; i--)
            if (levels[i].Width >= layout.ResizedWidth * Margin && levels[i].Height >= layout.ResizedHeight * Margin) yield return levels[i];
    }

    private static int Side(int side, double scale) => Math.Max(1, (int)Math.Round(side * scale, MidpointRounding.AwayFromZero));
}
