using NetVips;

namespace Pictor.Bench.Quality;

/// <summary>
/// Mean structural similarity of two images of one size, on luminance (alpha flattened on white), with the
/// usual 11-tap Gaussian of σ 1.5 and C1 = (0.01·255)², C2 = (0.03·255)² (Wang et al. 2004).
/// </summary>
public static class Ssim
{
    private const double C1 = 0.01 * 255 * 0.01 * 255, C2 = 0.03 * 255 * 0.03 * 255;

    public static double Mean(byte[] a, byte[] b)
    {
        using var x = Luminance(a);
        using var y = Luminance(b);
        if (x.Width != y.Width || x.Height != y.Height) throw new InvalidOperationException($"sizes differ: {x.Width}×{x.Height} vs {y.Width}×{y.Height}");
        using var mx = Blur(x);
        using var my = Blur(y);
        using var xx = Blur(x * x);
        using var yy = Blur(y * y);
        using var xy = Blur(x * y);
        using var sx = xx - mx * mx;
        using var sy = yy - my * my;
        using var sxy = xy - mx * my;
        using var numerator = (mx * my * 2 + C1) * (sxy * 2 + C2);
        using var denominator = (mx * mx + my * my + C1) * (sx + sy + C2);
        using var map = numerator / denominator;
        return map.Avg();
    }

    private static Image Blur(Image image) => image.Gaussblur(1.5, minAmpl: 0.05, precision: Enums.Precision.Float);

    private static Image Luminance(byte[] bytes)
    {
        using var image = Image.NewFromBuffer(bytes, access: Enums.Access.Random);
        using var flat = image.HasAlpha() ? image.Flatten(background: [255.0]) : image.Copy();
        using var grey = flat.Bands >= 3 ? flat.Colourspace(Enums.Interpretation.Bw) : flat.Copy();
        using var band = grey.ExtractBand(0);
        return band.Cast(Enums.BandFormat.Float).CopyMemory();
    }
}
