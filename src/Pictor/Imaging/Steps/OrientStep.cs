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
        return decoded.Autorot();
    }
}
