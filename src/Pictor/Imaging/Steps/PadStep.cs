using NetVips;

namespace Pictor.Imaging.Steps;

/// <summary>Extends the image to the output size with the background (<c>c_pad</c>), placed as the layout says.</summary>
public sealed class PadStep : IFrameStep
{
    public Image Apply(Image image, DeriveContext context)
    {
        var layout = context.Layout;
        if (!layout.Pads) return image;
        using var colour = image.Bands < 3 ? image.Colourspace(Enums.Interpretation.Srgb) : image.Copy();
        var background = context.Options.Background.ToArray();
        if (colour.HasAlpha()) background = [.. background, 255];
        return colour.Embed(layout.PlaceLeft, layout.PlaceTop, layout.OutputWidth, layout.OutputHeight,
            extend: Enums.Extend.Background, background: background);
    }
}
