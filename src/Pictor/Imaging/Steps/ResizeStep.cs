using NetVips;

namespace Pictor.Imaging.Steps;

/// <summary>
/// Scales each axis to the layout's resized size exactly (Lanczos3), with alpha premultiplied so transparent
/// pixels do not bleed their colour into the edges. Whatever the load already shrank is accounted for, since
/// the scale is taken from the pixels at hand.
/// </summary>
public sealed class ResizeStep : IFrameStep
{
    public Image Apply(Image image, DeriveContext context)
    {
        var (width, height) = (context.Layout.ResizedWidth, context.Layout.ResizedHeight);
        if (context.ResizedOnLoad || (image.Width == width && image.Height == height)) return image;
        if (context.LoadShrink == 1) return To(image, width, height);
        return To(image, width, height, (double)context.Source.Width / context.LoadShrink, (double)context.Source.Height / context.LoadShrink);
    }

    /// <summary>A new image of exactly <paramref name="width"/>×<paramref name="height"/> (also used to make levels).</summary>
    public static Image To(Image image, int width, int height) => To(image, width, height, image.Width, image.Height);

    private static Image To(Image image, int width, int height, double contentWidth, double contentHeight)
    {
        var hscale = width / contentWidth;
        var vscale = height / contentHeight;
        if (!image.HasAlpha()) return Exactly(image.Resize(hscale, vscale: vscale), width, height);

        using var premultiplied = image.Premultiply();
        using var resized = premultiplied.Resize(hscale, vscale: vscale);
        using var straight = resized.Unpremultiply();
        return Exactly(straight.Cast(image.Format), width, height);
    }

    /// <summary>libvips rounds the output size itself; a pixel either way is cut or repeated, so later steps can rely on the size.</summary>
    private static Image Exactly(Image image, int width, int height)
    {
        if (image.Width == width && image.Height == height) return image;
        using (image)
        {
            using var cut = image.ExtractArea(0, 0, Math.Min(width, image.Width), Math.Min(height, image.Height));
            return cut.Embed(0, 0, width, height, extend: Enums.Extend.Copy);
        }
    }
}
