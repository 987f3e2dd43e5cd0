using NetVips;
using Pictor.Imaging.Steps;

namespace Pictor.Imaging;

/// <summary>
/// Makes the levels of a still original from one decode of it: to 8-bit sRGB, shrunk to the largest level
/// (which pulls every source pixel through, so the decode doubles as the upload's validation), turned
/// upright in memory, then each smaller level from the one above it. Opaque levels are JPEG q95 4:4:4,
/// which decodes fastest for its fidelity; levels with alpha are PNG at compression 1 (see
/// bench/results/levels.md for the measurements behind both).
/// </summary>
public static class LevelMaker
{
    private const int PngCompression = 1;

    /// <param name="loaded">The original as loaded (lazily, not yet upright).</param>
    /// <param name="sizes">Its levels, largest first (<see cref="Levels.For(ImageInfo)"/>).</param>
    public static IReadOnlyList<EncodedLevel> Make(Image loaded, IReadOnlyList<LevelSize> sizes)
    {
        if (sizes.Count == 0) return [];
        var turned = Loaders.SwapsAxes(loaded);
        var srgb = ColourStep.ToSrgb(loaded);
        try
        {
            var largest = sizes[0];
            using var shrunk = turned ? ResizeStep.To(srgb, largest.Height, largest.Width) : ResizeStep.To(srgb, largest.Width, largest.Height);
            using var memory = shrunk.CopyMemory();
            var current = memory.Autorot();
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
        finally
        {
            if (!ReferenceEquals(srgb, loaded)) srgb.Dispose();
        }
    }

    private static byte[] Encode(Image level) => level.HasAlpha()
        ? level.PngsaveBuffer(compression: PngCompression, keep: Enums.ForeignKeep.None)
        : level.JpegsaveBuffer(q: Levels.JpegQuality, subsampleMode: Enums.ForeignSubsample.Off, keep: Enums.ForeignKeep.None);
}
