using NetVips;

namespace Pictor.Imaging.Steps;

/// <summary>Applies the EXIF orientation, so the layout (planned on the upright size) matches the pixels.</summary>
public sealed class OrientStep : IFrameStep
{
    public Image Apply(Image image, DeriveContext context) =>
        image.Contains("orientation") ? image.Autorot() : image;
}
