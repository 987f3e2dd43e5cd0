using NetVips;
using Pictor.Images;

namespace Pictor.Imaging;

/// <summary>
/// Opens a file with the loader of the format we sniffed, never libvips' own guess, so bytes that
/// claim one format cannot reach another loader.
/// </summary>
internal static class Loaders
{
    /// <summary>Lazy: reads the header only until pixels are asked for.</summary>
    public static Image Open(string path, ImageFormat format, Enums.FailOn failOn, bool allFrames = false) => format switch
    {
        ImageFormat.Jpeg => Image.Jpegload(path, access: Enums.Access.Sequential, failOn: failOn),
        ImageFormat.Png => Image.Pngload(path, access: Enums.Access.Sequential, failOn: failOn),
        ImageFormat.Gif => Image.Gifload(path, n: allFrames ? -1 : 1, access: Enums.Access.Sequential, failOn: failOn),
        ImageFormat.Webp => Image.Webpload(path, n: allFrames ? -1 : 1, access: Enums.Access.Sequential, failOn: failOn),
        ImageFormat.Tiff => Image.Tiffload(path, access: Enums.Access.Sequential, failOn: failOn),
        ImageFormat.Avif => Image.Heifload(path, access: Enums.Access.Sequential, failOn: failOn),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Frames that count towards the pixel limit: animation frames for GIF and WebP.</summary>
    public static int Frames(Image header, ImageFormat format) =>
        format is ImageFormat.Gif or ImageFormat.Webp && header.Contains("n-pages") ? Math.Max(1, (int)header.Get("n-pages")) : 1;

    /// <summary>EXIF orientations 5–8 swap width and height.</summary>
    public static bool SwapsAxes(Image header) =>
        header.Contains("orientation") && header.Get("orientation") is int o && o is >= 5 and <= 8;
}
