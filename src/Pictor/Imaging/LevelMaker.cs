using NetVips;
using Pictor.Imaging.Steps;

namespace Pictor.Imaging;

/// <summary>
/// Makes the levels of a still original from one decode of it: shrunk to the largest level (which pulls
/// every source pixel through, so the decode doubles as the upload's validation), then in memory turned
/// to 8-bit sRGB and upright (<see cref="Largest"/>: the placeholder is taken from it too), then each smaller
/// level from the one above it (<see cref="Encode"/>). Opaque levels are JPEG q90 4:2:0, the smallest for their
/// fidelity and as fast to decode as q95 4:4:4; levels with alpha are PNG at compression 1 (see bench/results/levels.md for the
/// measurements behind both).
/// </summary>
public static class LevelMaker
{
    private const int PngCompression = 1;

    /// <summary>The largest level's pixels, upright 8-bit sRGB in memory: every source pixel decoded on the way.</summary>
    /// <param name="loaded">The original as loaded (lazily, not yet upright).</param>
    public static Image Largest(Image loaded, LevelSize largest)
    {
        using var shrunk = Loaders.SwapsAxes(loaded)
            ? ResizeStep.To(loaded, largest.Height, largest.Width)
            : ResizeStep.To(loaded, largest.Width, largest.Height);
        using var memory = shrunk.CopyMemory();
        // The colour conversion after the shrink: an ICC transform of the largest level, not of every source pixel.
        var srgb = ColourStep.ToSrgb8(memory);
        try
        {
            return srgb.Autorot();
        }
        finally
        {
            if (!ReferenceEquals(srgb, memory)) srgb.Dispose();
        }
    }

    /// <param name="largest">From <see cref="Largest"/> (not disposed here).</param>
    /// <param name="sizes">The levels, largest first (<see cref="Levels.For(ImageInfo)"/>).</param>
    public static IReadOnlyList<EncodedLevel> Encode(Image largest, IReadOnlyList<LevelSize> sizes)
    {
        var current = largest.Copy();
        var made = new List<EncodedLevel>(sizes.Count);
        try
        {
            foreach (var size in sizes)
            {
                if (current.Width != size.Width || current.Height != size.Height)
                {
                    using var smaller = ResizeStep.To(current, size.Width, size.Height);
                    var next = smaller.CopyMemory();
                    current.Dispose();
                    current = next;
                }
                made.Add(new EncodedLevel(size, Encode(current)));
            }
            return made;
        }
        finally
        {
            current.Dispose();
        }
    }

    private static byte[] Encode(Image level) => level.HasAlpha()
        ? level.PngsaveBuffer(compression: PngCompression, keep: Enums.ForeignKeep.None)
        : level.JpegsaveBuffer(q: Levels.JpegQuality, subsampleMode: Enums.ForeignSubsample.On, keep: Enums.ForeignKeep.None);
}
