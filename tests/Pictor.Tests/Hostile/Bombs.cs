using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetVips;

namespace Pictor.Tests.Hostile;

/// <summary>
/// Decompression bombs, generated: small files whose headers claim more pixels than any server should
/// decode. Where it is cheap the pixel data is real too (the PNGs inflate to their full size), so a
/// decoder that ignored the header would really spend the memory and time.
/// </summary>
public static class Bombs
{
    /// <summary>65535×65535 1-bit grey PNG whose IDAT really inflates to 537 MB of rows (4.3 G pixels).</summary>
    public static byte[] Png65535() => Png(65535, 65535, bitDepth: 1, colourType: 0, row: new byte[1 + (65535 + 7) / 8]);

    /// <summary>20000×20000 RGB PNG of one colour (400 M pixels, 1.2 GB of samples) in about 1 MB.</summary>
    public static byte[] SingleColourPng20000()
    {
        // Filter "Sub" on every row: the first pixel is the colour, every difference after it is zero.
        var row = new byte[1 + 20000 * 3];
        row[0] = 1;
        (row[1], row[2], row[3]) = (200, 30, 40);
        return Png(20000, 20000, bitDepth: 8, colourType: 2, row);
    }

    /// <summary>A real 64×64 AVIF whose 'ispe' box claims 17000×17000 (289 M pixels).</summary>
    public static byte[] Avif17000()
    {
        using var small = Image.Black(64, 64, bands: 3);
        var bytes = small.HeifsaveBuffer(compression: Enums.ForeignHeifCompression.Av1, q: 50);
        var ispe = IndexOf(bytes, "ispe"u8);
        if (ispe < 0) throw new InvalidOperationException("the encoder wrote no ispe box");
        // ispe: 4-byte type, 4-byte version/flags, then width and height as 32-bit big-endian.
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(ispe + 8), 17000);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(ispe + 12), 17000);
        return bytes;
    }

    /// <summary>A real 16×16 baseline JPEG whose SOF claims 65500×65500.</summary>
    public static byte[] Jpeg65500()
    {
        using var small = Image.Black(16, 16, bands: 3);
        var bytes = small.JpegsaveBuffer(q: 80);
        var sof = IndexOf(bytes, [0xFF, 0xC0]);
        if (sof < 0) throw new InvalidOperationException("the encoder wrote no SOF0");
        // SOF0: marker, 2-byte length, precision, then height and width as 16-bit big-endian.
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 5), 65500);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 7), 65500);
        return bytes;
    }

    /// <summary>A GIF whose screen and single frame claim 30000×30000 (900 M pixels), with almost no pixel data.</summary>
    public static byte[] Gif30000() => Gif(30000, 30000, frames: 1, frameSize: 30000);

    /// <summary>An animated GIF of 3000 frames on a 200×200 screen: 120 M pixels once every frame is composed.</summary>
    public static byte[] GifThousandsOfFrames() => Gif(200, 200, frames: 3000, frameSize: 1);

    /// <summary>An animated WebP of 3000 frames on a 200×200 canvas (120 M pixels); each frame is a real 1×1 VP8L image.</summary>
    public static byte[] WebpThousandsOfFrames() => AnimatedWebp(200, 200, frames: 3000);

    /// <summary>A single-frame WebP whose canvas is the largest libwebp accepts, 16383×16383 (268 M pixels).</summary>
    public static byte[] Webp16383() => AnimatedWebp(16383, 16383, frames: 1);

    /// <summary>A TIFF whose IFD claims 100000×100000 8-bit grey pixels in one strip, with 16 bytes of data.</summary>
    public static byte[] Tiff100000()
    {
        var s = new MemoryStream();
        var w = new BinaryWriter(s);
        w.Write("II*\0"u8);
        w.Write(8u); // first IFD right after the header
        (ushort Tag, ushort Type, uint Value)[] entries =
        [
            (256, 4, 100_000), // ImageWidth, LONG
            (257, 4, 100_000), // ImageLength
            (258, 3, 8),       // BitsPerSample
            (259, 3, 1),       // Compression: none
            (262, 3, 1),       // Photometric: min-is-black
            (273, 4, 0),       // StripOffsets, patched below
            (277, 3, 1),       // SamplesPerPixel
            (278, 4, 100_000), // RowsPerStrip
            (279, 4, 16),      // StripByteCounts
        ];
        w.Write((ushort)entries.Length);
        var dataOffset = 8 + 2 + entries.Length * 12 + 4;
        foreach (var (tag, type, value) in entries)
        {
            w.Write(tag);
            w.Write(type);
            w.Write(1u);
            if (type == 3) { w.Write((ushort)value); w.Write((ushort)0); }
            else w.Write(tag == 273 ? (uint)dataOffset : value);
        }
        w.Write(0u); // no next IFD
        w.Write(new byte[16]);
        return s.ToArray();
    }

    private static byte[] Png(int width, int height, byte bitDepth, byte colourType, byte[] row)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        (ihdr[8], ihdr[9]) = (bitDepth, colourType);

        var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
            for (var y = 0; y < height; y++) z.Write(row);

        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        PngChunk(png, "IHDR", ihdr);
        PngChunk(png, "IDAT", idat.ToArray());
        PngChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>Writes a PNG chunk: length, type, data, CRC.</summary>
    internal static void PngChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309), bit by bit: bombs are small.</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    private static byte[] Gif(ushort width, ushort height, int frames, ushort frameSize)
    {
        var s = new MemoryStream();
        var w = new BinaryWriter(s);
        w.Write("GIF89a"u8);
        w.Write(width);
        w.Write(height);
        w.Write((byte)0x80); // global colour table of 2 entries
        w.Write((byte)0);    // background colour index
        w.Write((byte)0);    // aspect
        w.Write(new byte[] { 0, 0, 0, 255, 255, 255 });
        if (frames > 1) // application extension: loop forever
        {
            w.Write(new byte[] { 0x21, 0xFF, 0x0B });
            w.Write("NETSCAPE2.0"u8);
            w.Write(new byte[] { 0x03, 0x01, 0x00, 0x00, 0x00 });
        }
        for (var i = 0; i < frames; i++)
        {
            w.Write(new byte[] { 0x21, 0xF9, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00 }); // graphic control: 10 ms
            w.Write((byte)0x2C);                                                 // image descriptor
            w.Write((ushort)(i % (width - frameSize + 1)));
            w.Write((ushort)0);
            w.Write(frameSize);
            w.Write(frameSize);
            w.Write((byte)0);
            // LZW, minimum code size 2: clear (4), pixel index (i & 1), end (5), packed in 3-bit codes.
            var pixel = i & 1;
            var bits = 4 | (pixel << 3) | (5 << 6);
            w.Write(new byte[] { 0x02, 0x02, (byte)bits, (byte)(bits >> 8), 0x00 });
        }
        w.Write((byte)0x3B);
        return s.ToArray();
    }

    private static byte[] AnimatedWebp(int canvasWidth, int canvasHeight, int frames)
    {
        using var pixel = Image.Black(1, 1, bands: 3);
        var vp8l = RiffChunk(pixel.WebpsaveBuffer(lossless: true), "VP8L");

        var body = new MemoryStream();
        body.Write("WEBP"u8);
        var vp8x = new byte[10];
        vp8x[0] = 0x02; // animation
        Uint24(vp8x.AsSpan(4), canvasWidth - 1);
        Uint24(vp8x.AsSpan(7), canvasHeight - 1);
        Chunk(body, "VP8X", vp8x);
        Chunk(body, "ANIM", [0, 0, 0, 0, 0, 0]);
        for (var i = 0; i < frames; i++)
        {
            var frame = new byte[16 + 8 + vp8l.Length + (vp8l.Length & 1)];
            Uint24(frame.AsSpan(0), 0);  // X / 2
            Uint24(frame.AsSpan(3), 0);  // Y / 2
            Uint24(frame.AsSpan(6), 0);  // width - 1
            Uint24(frame.AsSpan(9), 0);  // height - 1
            Uint24(frame.AsSpan(12), 10); // duration, ms
            frame[15] = 0;
            "VP8L"u8.CopyTo(frame.AsSpan(16));
            BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(20), vp8l.Length);
            vp8l.CopyTo(frame.AsSpan(24));
            Chunk(body, "ANMF", frame);
        }
        var riff = new MemoryStream();
        riff.Write("RIFF"u8);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(size, (int)body.Length);
        riff.Write(size);
        body.WriteTo(riff);
        return riff.ToArray();
    }

    private static void Chunk(Stream s, string fourCc, byte[] data)
    {
        s.Write(Encoding.ASCII.GetBytes(fourCc));
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(size, data.Length);
        s.Write(size);
        s.Write(data);
        if ((data.Length & 1) == 1) s.WriteByte(0);
    }

    /// <summary>The payload of the first chunk named <paramref name="fourCc"/> in a RIFF file.</summary>
    private static byte[] RiffChunk(byte[] riff, string fourCc)
    {
        for (var at = 12; at + 8 <= riff.Length;)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(riff.AsSpan(at + 4));
            if (Encoding.ASCII.GetString(riff, at, 4) == fourCc) return riff[(at + 8)..(at + 8 + size)];
            at += 8 + size + (size & 1);
        }
        throw new InvalidOperationException($"no {fourCc} chunk");
    }

    private static void Uint24(Span<byte> target, int value)
    {
        target[0] = (byte)value;
        target[1] = (byte)(value >> 8);
        target[2] = (byte)(value >> 16);
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
