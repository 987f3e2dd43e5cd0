namespace Pictor.Images;

/// <summary>The formats Pictor accepts as originals and produces as derived images.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    Webp,
    Gif,
    Avif,
    Tiff,
}

public static class ImageFormats
{
    public static string ContentType(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Png => "image/png",
        ImageFormat.Webp => "image/webp",
        ImageFormat.Gif => "image/gif",
        ImageFormat.Avif => "image/avif",
        ImageFormat.Tiff => "image/tiff",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The canonical extension, used in storage keys and metadata.</summary>
    public static string Extension(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "jpg",
        ImageFormat.Png => "png",
        ImageFormat.Webp => "webp",
        ImageFormat.Gif => "gif",
        ImageFormat.Avif => "avif",
        ImageFormat.Tiff => "tiff",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string Name(this ImageFormat format) => format.ToString().ToLowerInvariant();

    public static bool TryFromExtension(string extension, out ImageFormat format)
    {
        switch (extension.ToLowerInvariant())
        {
            case "jpg" or "jpeg": format = ImageFormat.Jpeg; return true;
            case "png": format = ImageFormat.Png; return true;
            case "webp": format = ImageFormat.Webp; return true;
            case "gif": format = ImageFormat.Gif; return true;
            case "avif": format = ImageFormat.Avif; return true;
            case "tif" or "tiff": format = ImageFormat.Tiff; return true;
            default: format = default; return false;
        }
    }

    public static bool TryFromName(string name, out ImageFormat format) =>
        Enum.TryParse(name, ignoreCase: true, out format) && Enum.IsDefined(format);
}
