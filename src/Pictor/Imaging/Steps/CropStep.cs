using NetVips;

namespace Pictor.Imaging.Steps;

/// <summary>
/// Cuts the layout's crop out of the resized image. For <c>g_auto</c> it first asks libvips' smartcrop
/// where attention centres (on the first frame; the other frames of an animation take the same crop).
/// </summary>
public sealed class CropStep : IFrameStep
{
    public Image Apply(Image image, DeriveContext context)
    {
        var layout = context.Layout;
        if (context.CroppedOnLoad || !layout.Crops) return image;
        if (layout.SmartCrop)
        {
            using var memory = image.CopyMemory();
            using var _ = memory.Smartcrop(layout.CropWidth, layout.CropHeight, out var x, out var y, interesting: Enums.Interesting.Attention);
            layout = context.Layout = layout with
            {
                CropLeft = Math.Clamp(x - layout.CropWidth / 2, 0, image.Width - layout.CropWidth),
                CropTop = Math.Clamp(y - layout.CropHeight / 2, 0, image.Height - layout.CropHeight),
                SmartCrop = false,
            };
        }
        return image.ExtractArea(layout.CropLeft, layout.CropTop, layout.CropWidth, layout.CropHeight);
    }
}
