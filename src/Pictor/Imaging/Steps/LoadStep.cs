using NetVips;
using Pictor.Images;

namespace Pictor.Imaging.Steps;

/// <summary>
/// Opens the source with the loader of its recorded format, doing as much of the layout as the decoder can
/// do cheaper than the later steps, whatever the mode:
/// - JPEG: decoded at 1/2, 1/4 or 1/8 by the DCT when that still leaves twice the resized size (<see cref="ShrinkMargin"/>);
/// - still WebP: scaled by the system's libwebp while decoding (<see cref="WebpScaledDecoder"/>), to twice the
///   resized size, other WebPs shrunk on load by libvips;
/// - GIF and WebP animations kept (up to the frame limit) when the output is animated too.
/// </summary>
public sealed class LoadStep
{
    public Image Load(DeriveContext context)
    {
        var source = context.Source;
        var layout = context.Layout;
        var animate = source.Frames is > 1 && source.Frames <= context.MaxFrames && context.Options.Format is ImageFormat.Gif or ImageFormat.Webp;
        context.Frames = animate ? source.Frames : 1;
        // Frames are cut from one tall strip and a smart crop looks at the whole image: both read out of order.
        var access = animate || layout.SmartCrop ? Enums.Access.Random : Enums.Access.Sequential;
        var path = context.SourcePath;

        // As strict as the upload's validation (ImageInspector): bytes that changed since (a disk gone bad) fail
        // here rather than derive to a grey-filled image, libvips' default for a truncated JPEG.
        const Enums.FailOn strict = Enums.FailOn.Warning;
        var image = source.Format switch
        {
            ImageFormat.Jpeg => Image.Jpegload(path, shrink: context.LoadShrink = JpegShrink(source, layout), access: access, failOn: strict),
            ImageFormat.Png => Image.Pngload(path, access: access, failOn: strict),
            ImageFormat.Webp => LibwebpDecode(context) ?? Image.Webpload(path, n: context.Frames, scale: WebpScale(source, layout), access: access, failOn: strict),
            ImageFormat.Gif => Image.Gifload(path, n: context.Frames, access: access, failOn: strict),
            ImageFormat.Tiff => Image.Tiffload(path, access: access, failOn: strict),
            ImageFormat.Avif => Image.Heifload(path, access: access, failOn: strict),
            _ => throw new ArgumentOutOfRangeException(nameof(context), source.Format, "no loader"),
        };
        if (animate)
        {
            context.Delays = image.Contains("delay") ? (int[])image.Get("delay") : null;
            context.Loop = image.Contains("loop") ? (int)image.Get("loop") : 0;
        }
        return image;
    }

    /// <summary>
    /// The decoders shrink on load only to twice the resized size, leaving at least half of the scale to the Lanczos
    /// resize (as libvips' thumbnail does): the DCT's own 1/2, 1/4, 1/8 and libwebp's area-averaging rescaler,
    /// taken all the way to the output, drift from an exact resize (mean SSIM 0.979 for the 2725×2225 JPEG and
    /// 0.987 for the 1165×859 WebP over the bench's size grid; 0.9987 and 0.997 with this margin, see
    /// bench/results/levels.md).
    /// </summary>
    public const double ShrinkMargin = 2;

    /// <summary>The largest of 8, 4, 2 by which the DCT can shrink and still leave <see cref="ShrinkMargin"/> for the resize.</summary>
    private static int JpegShrink(ImageInfo source, Layout layout)
    {
        var factor = Math.Min((double)source.Width / layout.ResizedWidth, (double)source.Height / layout.ResizedHeight) / ShrinkMargin;
        return factor >= 8 ? 8 : factor >= 4 ? 4 : factor >= 2 ? 2 : 1;
    }

    /// <summary>libvips' own WebP shrink-on-load, for the WebPs libwebp alone does not take (1 when enlarging).</summary>
    private static double WebpScale(ImageInfo source, Layout layout) =>
        Math.Min(1, Math.Max((double)layout.ResizedWidth / source.Width, (double)layout.ResizedHeight / source.Height));

    /// <summary>
    /// When shrinking a still WebP, libwebp scales the whole image while decoding, to <see cref="ShrinkMargin"/>
    /// times the resized size (or to exactly it when that is all there is); the resize and crop steps do the rest.
    /// </summary>
    private static Image? LibwebpDecode(DeriveContext context)
    {
        if (context.Frames != 1 || context.Layout.SmartCrop) return null;
        var decoded = WebpScaledDecoder.TryDecode(context.SourcePath, context.Source, context.Layout, ShrinkMargin);
        if (decoded is not null) context.ResizedOnLoad = decoded.Width == context.Layout.ResizedWidth && decoded.Height == context.Layout.ResizedHeight;
        return decoded;
    }
}
