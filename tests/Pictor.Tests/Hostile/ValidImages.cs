using NetVips;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Hostile;

/// <summary>
/// Valid files of every accepted format and its main variants (progressive, interlaced, animated,
/// lossless, tiled), written by libvips from a real photo, to be cut and corrupted.
/// </summary>
public static class ValidImages
{
    // Decoded once into memory: a thumbnail straight from a file can be read only once, in order.
    private static readonly Lazy<Image> Photo = new(() =>
    {
        using var thumbnail = Image.Thumbnail(Corpus.Path("wuffs/harvesters.jpeg"), 240, height: 180);
        return thumbnail.CopyMemory();
    });

    public static IReadOnlyDictionary<string, Func<byte[]>> All { get; } = new Dictionary<string, Func<byte[]>>
    {
        ["jpeg baseline"] = () => Photo.Value.JpegsaveBuffer(q: 85),
        ["jpeg progressive"] = () => Photo.Value.JpegsaveBuffer(q: 85, interlace: true),
        ["png"] = () => Photo.Value.PngsaveBuffer(),
        ["png interlaced"] = () => Photo.Value.PngsaveBuffer(interlace: true),
        ["gif"] = () => Photo.Value.GifsaveBuffer(),
        ["gif animated"] = () => Animation().GifsaveBuffer(),
        ["webp lossy"] = () => Photo.Value.WebpsaveBuffer(q: 80),
        ["webp lossless"] = () => Photo.Value.WebpsaveBuffer(lossless: true),
        ["webp animated"] = () => Animation().WebpsaveBuffer(q: 80),
        ["avif"] = () => Photo.Value.HeifsaveBuffer(compression: Enums.ForeignHeifCompression.Av1, q: 50),
        ["tiff deflate"] = () => Photo.Value.TiffsaveBuffer(compression: Enums.ForeignTiffCompression.Deflate),
        ["tiff tiled jpeg"] = () => Photo.Value.TiffsaveBuffer(compression: Enums.ForeignTiffCompression.Jpeg, tile: true, tileWidth: 64, tileHeight: 64),
    };

    /// <summary>Three frames of the photo, each darker, as a libvips multi-page image.</summary>
    private static Image Animation()
    {
        var frames = new[] { 1.0, 0.7, 0.4 }.Select(f => (Photo.Value * f).Cast(Enums.BandFormat.Uchar)).ToArray();
        using var strip = Image.Arrayjoin(frames, across: 1);
        return strip.Mutate(m =>
        {
            m.Set(GValue.GIntType, "page-height", Photo.Value.Height);
            m.Set(GValue.ArrayIntType, "delay", new[] { 100, 100, 100 });
        });
    }
}
