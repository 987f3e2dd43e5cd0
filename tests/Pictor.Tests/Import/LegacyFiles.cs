using System.Buffers.Binary;
using System.Text;
using NetVips;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Import;

/// <summary>
/// Files in the formats PIL took and Pictor does not, as PIL wrote them (libvips here cannot write BMP
/// or PCX), with the pixels a lossless conversion must keep.
/// </summary>
public static class LegacyFiles
{
    public sealed record Legacy(byte[] File, string Format, int Width, int Height, byte[] Pixels, int Bands);

    /// <summary>A 24-bit BI_RGB BMP of a corpus image: rows bottom-up, BGR, padded to 4 bytes.</summary>
    public static Legacy Bmp24(string corpusImage)
    {
        using var image = Rgb(corpusImage);
        var rgb = image.WriteToMemory<byte>();
        var (width, height) = (image.Width, image.Height);
        var stride = (width * 3 + 3) / 4 * 4;
        var file = BmpHeaders(width, height, 24, palette: [], stride * height);
        for (var y = 0; y < height; y++)
        {
            var row = 54 + stride * (height - 1 - y);
            for (var x = 0; x < width; x++)
            {
                var source = (y * width + x) * 3;
                (file[row + x * 3], file[row + x * 3 + 1], file[row + x * 3 + 2]) = (rgb[source + 2], rgb[source + 1], rgb[source]);
            }
        }
        return new(file, "BMP", width, height, rgb, 3);
    }

    /// <summary>An 8-bit BMP with a grey palette (PIL's mode L), rows top-down (negative height).</summary>
    public static Legacy Bmp8Grey(string corpusImage)
    {
        using var colour = Rgb(corpusImage);
        using var bw = colour.Copy(interpretation: Enums.Interpretation.Srgb).Colourspace(Enums.Interpretation.Bw);
        using var grey = bw.ExtractBand(0).Cast(Enums.BandFormat.Uchar);
        var indices = grey.WriteToMemory<byte>();
        var (width, height) = (grey.Width, grey.Height);
        var stride = (width + 3) / 4 * 4;
        var palette = Enumerable.Range(0, 256).SelectMany(i => new[] { (byte)i, (byte)i, (byte)i, (byte)0 }).ToArray();
        var file = BmpHeaders(width, -height, 8, palette, stride * height);
        for (var y = 0; y < height; y++) Array.Copy(indices, y * width, file, 54 + palette.Length + y * stride, width);
        var rgb = indices.SelectMany(v => new[] { v, v, v }).ToArray();
        return new(file, "BMP", width, height, rgb, 3);
    }

    /// <summary>A binary PPM (P6) or PGM (P5) from the corpus, as it is: PIL calls both PPM.</summary>
    public static Legacy Pnm(string corpusFile)
    {
        var file = Corpus.Bytes(corpusFile);
        var header = Encoding.ASCII.GetString(file, 0, 20).Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries);
        var (width, height) = (int.Parse(header[1]), int.Parse(header[2]));
        var bands = header[0] == "P6" ? 3 : 1;
        var pixels = file[^(width * height * bands)..];
        return new(file, "PPM", width, height, pixels, bands);
    }

    /// <summary>A PCX header and some run-length data: a format PIL read and nothing here converts.</summary>
    public static byte[] Pcx(int width, int height)
    {
        var file = new byte[128 + 64];
        (file[0], file[1], file[2], file[3]) = (0x0A, 5, 1, 8);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), (ushort)(width - 1));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(10), (ushort)(height - 1));
        file[65] = 3;
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(66), (ushort)width);
        return file;
    }

    private static Image Rgb(string corpusImage)
    {
        using var image = Image.NewFromFile(Corpus.Path(corpusImage));
        using var flat = image.HasAlpha() ? image.Flatten() : image.Copy();
        using var srgb = flat.Bands >= 3 ? flat.ExtractBand(0, n: 3) : flat.Bandjoin(flat, flat);
        return srgb.Cast(Enums.BandFormat.Uchar);
    }

    private static byte[] BmpHeaders(int width, int height, int bits, byte[] palette, int pixelBytes)
    {
        var offset = 54 + palette.Length;
        var file = new byte[offset + pixelBytes];
        "BM"u8.CopyTo(file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), offset);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), height);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(28), (ushort)bits);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(34), pixelBytes);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(46), palette.Length / 4);
        palette.CopyTo(file, 54);
        return file;
    }
}
