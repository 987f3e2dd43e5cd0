using NetVips;

namespace Pictor.Bench.Quality;

/// <summary>
/// Mean CIEDE2000 colour difference of two images of one size (alpha flattened on white), per pixel in CIELAB:
/// what <see cref="Ssim"/>, on luminance alone, does not see — chroma, such as a level's subsampled colour. A mean
/// ΔE00 below 1 is commonly taken as not perceptible side by side.
/// </summary>
public static class ColourDifference
{
    public static double MeanDe00(byte[] a, byte[] b)
    {
        using var x = Lab(a);
        using var y = Lab(b);
        if (x.Width != y.Width || x.Height != y.Height) throw new InvalidOperationException($"sizes differ: {x.Width}×{x.Height} vs {y.Width}×{y.Height}");
        using var difference = x.DE00(y);
        return difference.Avg();
    }

    private static Image Lab(byte[] bytes)
    {
        using var image = Image.NewFromBuffer(bytes, access: Enums.Access.Random);
        using var flat = image.HasAlpha() ? image.Flatten(background: [255.0]) : image.Copy();
        using var colour = flat.Bands >= 3 ? flat.Copy() : flat.Colourspace(Enums.Interpretation.Srgb);
        return colour.Colourspace(Enums.Interpretation.Lab).CopyMemory();
    }
}
