
namespace Pictor.Imaging;

/// <summary>
/// Levels: downscaled, upright, 8-bit sRGB copies of a still original, stored beside it at upload, so that
/// a derive decodes the smallest one that still holds every pixel the output needs instead of the whole
/// original. Which levels an original has follows from its recorded size alone: every long side of
/// <see cref="LongSides"/> below the original's (none for animations, whose derives need every frame).
/// </summary>
public static class Levels
{
    /// <summary>Largest first.</summary>
    public static readonly int[] LongSides = [2048, 1024, 512];

    /// <summary>JPEG quality of opaque levels (4:4:4, since libvips subsamples chroma only below 90).</summary>
    public const int JpegQuality = 95;

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
    /// bench/results/levels.md. Levels are 2× apart, so the one picked is 1.5–3× the output.
    /// </summary>
    public const double Margin = 1.5;

    /// <summary>
    /// The smallest level at least <see cref="Margin"/> times the layout's resized size on both axes, or null when
    /// only the original will do.
    /// </summary>
    public static LevelSize? Pick(IReadOnlyList<LevelSize> levels, Layout layout)
    {
        LevelSize? best = null;
        foreach (var level in levels)
            if (level.Width >= layout.ResizedWidth * Margin && level.Height >= layout.ResizedHeight * Margin) best = level;
        return best;
    }

    private static int Side(int side, double scale) => Math.Max(1, (int)Math.Round(side * scale, MidpointRounding.AwayFromZero));
}
