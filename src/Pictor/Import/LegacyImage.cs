using System.Buffers.Binary;
using System.Text;
using NetVips;

namespace Pictor.Import;

/// <summary>
/// The formats pymager took through PIL that Pictor does not (github.com/pymager/pymager,
/// <c>pymager/resources/impl/pilimageformatmapper.py</c>: BMP, EPS, IM, MSP, PALM, PCX, PDF, PPM, XBM, XV
/// beside JPEG, PNG, GIF and TIFF), for <c>--convert-unsupported</c>. NetVips.Native's libvips has no
/// loader for any of them (no magickload, no ppmload), so the two PIL wrote most — BMP (uncompressed,
/// 1/4/8-bit palette, 24 and 32-bit) and binary PPM/PGM (P5/P6, 8 or 16 bits) — are decoded here, with
/// every size checked against the file before anything is allocated, and handed to libvips as raw pixels
/// to be written as PNG, which is lossless. Anything else is refused with the reason.
/// </summary>
public sealed class LegacyImage
{
    private readonly byte[] _file;
    private readonly int _offset;
    private readonly int _bits;
    private readonly bool _topDown;
    private readonly int _paletteAt;
    private readonly int _paletteSize;

    private LegacyImage(string format, int width, int height, byte[] file, int offset, int bits, bool topDown = false, int paletteAt = 0, int paletteSize = 0)
    {
        (Format, Width, Height, _file, _offset, _bits, _topDown, _paletteAt, _paletteSize) = (format, width, height, file, offset, bits, topDown, paletteAt, paletteSize);
    }

    /// <summary>PIL's name for it: <c>BMP</c> or <c>PPM</c> (PIL calls PGM files PPM too).</summary>
    public string Format { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The file as BMP or PPM, or null when it is neither. Throws <see cref="NotSupportedException"/> for variants not decoded here.</summary>
    public static LegacyImage? Open(string path, long maxPixels)
    {
        var file = File.ReadAllBytes(path);
        var image = file.AsSpan().StartsWith("BM"u8) ? Bmp(file)
            : file.Length > 2 && file[0] == 'P' && file[1] is (byte)'5' or (byte)'6' ? Ppm(file)
            : file.Length > 2 && file[0] == 'P' && file[1] is >= (byte)'1' and <= (byte)'4' ? throw new NotSupportedException("ASCII and 1-bit PNM files are not converted")
            : null;
        if (image is not null && (long)image.Width * image.Height > maxPixels)
            throw new NotSupportedException($"{image.Width}×{image.Height} is more than Pictor:Limits:MaxPixels");
        return image;
    }

    /// <summary>Writes the pixels as a PNG file (lossless).</summary>
    public void SavePng(string target)
    {
        var (pixels, bands, format) = Decode();
        using var image = Image.NewFromMemory(pixels, Width, Height, bands, format);
        using var tagged = image.Copy(interpretation: bands == 1
            ? (format == Enums.BandFormat.Ushort ? Enums.Interpretation.Grey16 : Enums.Interpretation.Bw)
            : (format == Enums.BandFormat.Ushort ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Srgb));
        tagged.Pngsave(target, compression: 6, keep: Enums.ForeignKeep.None);
    }

    private static LegacyImage Bmp(byte[] file)
    {
        if (file.Length < 54) throw new InvalidDataException("the BMP header is truncated");
        var span = file.AsSpan();
        var offset = BinaryPrimitives.ReadInt32LittleEndian(span[10..]);
        var headerSize = BinaryPrimitives.ReadInt32LittleEndian(span[14..]);
        if (headerSize < 40) throw new NotSupportedException($"OS/2 BMP files (header of {headerSize} bytes) are not converted");
        var width = BinaryPrimitives.ReadInt32LittleEndian(span[18..]);
        var rawHeight = BinaryPrimitives.ReadInt32LittleEndian(span[22..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]);
        var compression = BinaryPrimitives.ReadUInt32LittleEndian(span[30..]);
        var colours = BinaryPrimitives.ReadInt32LittleEndian(span[46..]);
        if (compression != 0) throw new NotSupportedException($"compressed BMP files (compression {compression}) are not converted");
        if (bits is not (1 or 4 or 8 or 24 or 32)) throw new NotSupportedException($"{bits}-bit BMP files are not converted");
        if (width <= 0 || rawHeight == 0 || rawHeight == int.MinValue) throw new InvalidDataException($"the BMP header gives a size of {width}×{rawHeight}");
        var height = Math.Abs(rawHeight);
        var paletteSize = bits <= 8 ? (colours > 0 ? colours : 1 << bits) : 0;
        var paletteAt = 14 + headerSize;
        if (paletteSize > 256 || paletteAt + 4L * paletteSize > file.Length) throw new InvalidDataException("the BMP palette is truncated or too large");
        if (offset < paletteAt || offset + RowBytes(width, bits) * height > file.Length) throw new InvalidDataException("the BMP pixel data is truncated");
        return new LegacyImage("BMP", width, height, file, offset, bits, topDown: rawHeight < 0, paletteAt, paletteSize);
    }

    private static LegacyImage Ppm(byte[] file)
    {
        var position = 2;
        var width = Number(file, ref position);
        var height = Number(file, ref position);
        var max = Number(file, ref position);
        position++; // the single whitespace before the raster
        if (width <= 0 || height <= 0 || max is <= 0 or > 65535) throw new InvalidDataException($"the PNM header gives {width}×{height}, maximum {max}");
        var channels = file[1] == '6' ? 3 : 1;
        var sampleBytes = max > 255 ? 2 : 1;
        if (max is not (255 or 65535)) throw new NotSupportedException($"PNM files with a maximum sample value of {max} are not converted (only 255 and 65535 are lossless in PNG)");
        if (position + (long)width * height * channels * sampleBytes > file.Length) throw new InvalidDataException("the PNM pixel data is truncated");
        return new LegacyImage("PPM", width, height, file, position, channels * sampleBytes * 8);
    }

    private static int Number(byte[] file, ref int position)
    {
        while (position < file.Length && (char.IsWhiteSpace((char)file[position]) || file[position] == '#'))
        {
            if (file[position] == '#') while (position < file.Length && file[position] != '\n') position++;
            else position++;
        }
        var start = position;
        while (position < file.Length && position - start < 9 && char.IsAsciiDigit((char)file[position])) position++;
        return position > start && int.TryParse(Encoding.ASCII.GetString(file, start, position - start), out var n)
            ? n
            : throw new InvalidDataException("the PNM header is malformed");
    }

    private static long RowBytes(int width, int bits) => ((long)width * bits + 31) / 32 * 4;

    private (byte[] Pixels, int Bands, Enums.BandFormat Format) Decode()
    {
        if (Format == "PPM")
        {
            var bytes = _file.AsSpan(_offset, checked((int)((long)Width * Height * _bits / 8))).ToArray();
            var sixteen = _bits is 16 or 48;
            if (sixteen) // big-endian in the file, native order for libvips
                for (var i = 0; i + 1 < bytes.Length; i += 2) (bytes[i], bytes[i + 1]) = (bytes[i + 1], bytes[i]);
            return (bytes, _bits / (sixteen ? 16 : 8), sixteen ? Enums.BandFormat.Ushort : Enums.BandFormat.Uchar);
        }

        var pixels = new byte[(long)Width * Height * 3];
        var stride = RowBytes(Width, _bits);
        for (var y = 0; y < Height; y++)
        {
            var row = _offset + stride * (_topDown ? y : Height - 1 - y);
            for (var x = 0; x < Width; x++)
            {
                var target = ((long)y * Width + x) * 3;
                long source;
                if (_bits >= 24)
                {
                    source = row + (long)x * (_bits / 8);
                }
                else
                {
                    var bitAt = (long)x * _bits;
                    var index = (_file[row + bitAt / 8] >> (8 - _bits - (int)(bitAt % 8))) & ((1 << _bits) - 1);
                    if (index >= _paletteSize) throw new InvalidDataException($"a BMP pixel uses colour {index} of a palette of {_paletteSize}");
                    source = _paletteAt + 4L * index;
                }
                pixels[target] = _file[source + 2];
                pixels[target + 1] = _file[source + 1];
                pixels[target + 2] = _file[source];
            }
        }
        return (pixels, 3, Enums.BandFormat.Uchar);
    }
}
