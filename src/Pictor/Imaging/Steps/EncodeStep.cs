using NetVips;
using Pictor.Images;

namespace Pictor.Imaging.Steps;

/// <summary>Encodes into memory with no metadata, at the quality asked for (<c>q_</c>) or the format's configured one.</summary>
public sealed class EncodeStep
{
    public byte[] Encode(Image image, DeriveContext context)
    {
        var options = context.Options;
        var quality = options.Quality ?? TransformOptions.DefaultQuality(options.Format, context.Encoding);
        const Enums.ForeignKeep NoMetadata = Enums.ForeignKeep.None;
        return options.Format switch
        {
            ImageFormat.Jpeg => image.JpegsaveBuffer(q: quality, keep: NoMetadata),
            ImageFormat.Png => image.PngsaveBuffer(compression: context.Encoding.Png.Compression, keep: NoMetadata),
            ImageFormat.Webp => image.WebpsaveBuffer(q: quality, keep: NoMetadata),
            ImageFormat.Gif => image.GifsaveBuffer(keep: NoMetadata),
            ImageFormat.Avif => image.HeifsaveBuffer(q: quality, compression: Enums.ForeignHeifCompression.Av1, keep: NoMetadata),
            ImageFormat.Tiff => image.TiffsaveBuffer(compression: Enums.ForeignTiffCompression.Deflate, keep: NoMetadata),
            _ => throw new ArgumentOutOfRangeException(nameof(context), options.Format, "no encoder"),
        };
    }
}
