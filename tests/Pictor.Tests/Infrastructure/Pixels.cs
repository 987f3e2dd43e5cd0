using NetVips;

namespace Pictor.Tests.Infrastructure;

/// <summary>Image facts for assertions: compare by dimensions and pixels, never by bytes.</summary>
public static class Pixels
{
    public static Image Load(byte[] bytes) => Image.NewFromBuffer(bytes, access: Enums.Access.Random);

    public static (int Width, int Height) Size(byte[] bytes)
    {
        using var image = Load(bytes);
        return (image.Width, image.Height);
    }

    /// <summary>Mean absolute difference per sample (0–255) after scaling <paramref name="b"/> to <paramref name="a"/>'s size.</summary>
    public static double Difference(byte[] a, byte[] b)
    {
        using var x = Srgb(Load(a));
        using var y0 = Srgb(Load(b));
        using var y = y0.Resize((double)x.Width / y0.Width, vscale: (double)x.Height / y0.Height);
        using var diff = (x - y).Abs();
        return diff.Avg();
    }

    /// <summary>A synthetic image of the given size as encoded bytes (for generated edge cases).</summary>
    public static byte[] Solid(int width, int height, string suffix = ".png", double[]? colour = null)
    {
        using var black = Image.Black(width, height, bands: 3);
        using var image = black.NewFromImage(colour ?? [200.0, 100.0, 50.0]);
        return image.WriteToBuffer(suffix);
    }

    private static Image Srgb(Image image)
    {
        using var input = image;
        var flat = input.HasAlpha() ? input.Flatten(background: [255.0]) : input.Copy();
        using (flat)
            return flat.Bands >= 3 ? flat.ExtractBand(0, n: 3).Cast(Enums.BandFormat.Uchar) : flat.Bandjoin(flat, flat).Cast(Enums.BandFormat.Uchar);
    }
}
