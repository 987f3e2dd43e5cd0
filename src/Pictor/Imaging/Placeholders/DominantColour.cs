using System.Globalization;

namespace Pictor.Imaging.Placeholders;

/// <summary>
/// The colour most of a picture is: pixels are counted (weighted by opacity) in boxes of 16 levels per channel,
/// and the answer is the mean of the fullest box, so a red flower on a large green field gives the field's green
/// rather than the brownish average of both.
/// </summary>
public static class DominantColour
{
    private const int LevelBits = 4;
    private const int Boxes = 1 << (3 * LevelBits);

    /// <param name="rgba">8-bit RGBA, not premultiplied.</param>
    /// <returns><c>#rrggbb</c>, lower case.</returns>
    public static string Of(ReadOnlySpan<byte> rgba)
    {
        var weight = new double[Boxes];
        var sums = new double[Boxes * 3];
        for (var i = 0; i + 3 < rgba.Length; i += 4)
        {
            // Fully transparent pixels do not count; when nothing is opaque, every pixel counts the same.
            var box = (rgba[i] >> (8 - LevelBits) << (2 * LevelBits)) | (rgba[i + 1] >> (8 - LevelBits) << LevelBits) | (rgba[i + 2] >> (8 - LevelBits));
            var w = rgba[i + 3] / 255.0 + 1e-9;
            weight[box] += w;
            sums[box * 3] += w * rgba[i];
            sums[box * 3 + 1] += w * rgba[i + 1];
            sums[box * 3 + 2] += w * rgba[i + 2];
        }
        var fullest = 0;
        for (var b = 1; b < Boxes; b++) if (weight[b] > weight[fullest]) fullest = b;
        if (weight[fullest] == 0) return "#000000";
        return string.Create(CultureInfo.InvariantCulture, $"#{Channel(0):x2}{Channel(1):x2}{Channel(2):x2}");

        int Channel(int c) => (int)Math.Clamp(Math.Round(sums[fullest * 3 + c] / weight[fullest]), 0, 255);
    }
}
