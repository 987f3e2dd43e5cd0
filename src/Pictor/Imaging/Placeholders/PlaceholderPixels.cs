using NetVips;
using Pictor.Imaging.Steps;

namespace Pictor.Imaging.Placeholders;

/// <summary>
/// Makes the placeholder from the upload's one complete decode: the image (every frame) is box-shrunk by a whole
/// factor to at most 100×100 per frame, which pulls every pixel through the loader (so truncation and corruption
/// still fail, as a plain average did), and only the small result is turned upright, converted to 8-bit sRGB
/// and hashed. The first frame stands for an animation.
/// </summary>
internal static class PlaceholderPixels
{
    /// <param name="image">As loaded, all frames stacked (<c>page-height</c> tall each), not yet read.</param>
    public static Placeholder Decode(Image image)
    {
        var frameHeight = image.PageHeight;
        // One factor for both axes, so that the small picture keeps the aspect ratio the hash records.
        var factor = (Math.Max(image.Width, frameHeight) + ThumbHash.MaxSide - 1) / ThumbHash.MaxSide;
        // ceil: the last partial block of rows and columns is read too, so nothing at the end escapes the decode.
        using var shrunk = image.Shrink(factor, factor, ceil: true);
        using var decoded = shrunk.CopyMemory();
        // Frames below the first start inside its last shrunk row when the factor does not divide the frame height.
        var rows = image.Height == frameHeight ? decoded.Height : Math.Max(1, frameHeight / factor);
        using var first = rows == decoded.Height ? decoded.Copy() : decoded.Crop(0, 0, decoded.Width, rows);
        using var upright = first.Contains("orientation") ? first.Autorot() : first.Copy();
        var srgb = ColourStep.ToSrgb8(upright);
        try
        {
            var (width, height) = (srgb.Width, srgb.Height);
            return Placeholder.Of(width, height, ToRgba(srgb.WriteToMemory<byte>(), srgb.Bands, width * height));
        }
        finally
        {
            if (!ReferenceEquals(srgb, upright)) srgb.Dispose(); // the conversion may hand back its input
        }
    }

    /// <summary>Grey, grey + alpha, RGB or RGBA (further bands ignored) as RGBA.</summary>
    private static byte[] ToRgba(byte[] pixels, int bands, int count)
    {
        var rgba = new byte[count * 4];
        for (var i = 0; i < count; i++)
        {
            var s = i * bands;
            var grey = bands < 3;
            rgba[i * 4] = pixels[s];
            rgba[i * 4 + 1] = grey ? pixels[s] : pixels[s + 1];
            rgba[i * 4 + 2] = grey ? pixels[s] : pixels[s + 2];
            rgba[i * 4 + 3] = bands switch { 2 => pixels[s + 1], >= 4 => pixels[s + 3], _ => 255 };
        }
        return rgba;
    }
}
