using NetVips;

namespace Pictor.Imaging.Steps;

/// <summary>Applies the EXIF orientation, so the layout (planned on the upright size) matches the pixels.</summary>
public sealed class OrientStep : IFrameStep
{
    public Image Apply(Image image, DeriveContext context)
    {
        if (!image.Contains("orientation")) return image;
        if (image.Get("orientation") is not (int and >= 2 and <= 8)) return image.Autorot(); // nothing to turn; drops the tag
        // Turning or flipping reads rows out of the order a sequential decoder gives them, which at full size
        // fails ("out of order read"): the (already shrunk) pixels are decoded into memory first.
        using var decoded = image.CopyMemory();
        // Turned or flipped, the DCT shrink's partial last row or column may now come first: the resize then
        // scales the pixels at hand (at most a quarter of an output pixel off at the far edge, given the shrink's margin).
        context.LoadShrink = 1;
        return decoded.Autorot();
    }
}
