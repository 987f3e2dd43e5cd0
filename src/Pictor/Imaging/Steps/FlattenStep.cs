using NetVips;
using Pictor.Images;

namespace Pictor.Imaging.Steps;

/// <summary>Alpha flattened onto the background (<c>b_</c>, white by default) for JPEG, which has none.</summary>
public sealed class FlattenStep : IFrameStep
{
    public Image Apply(Image image, DeriveContext context)
    {
        if (context.Options.Format != ImageFormat.Jpeg || !image.HasAlpha()) return image;
        using var colour = image.Bands < 3 ? image.Colourspace(Enums.Interpretation.Srgb) : image.Copy();
        return colour.Flatten(background: context.Options.Background.ToArray());
    }
}
