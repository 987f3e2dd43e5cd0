using System.Buffers.Binary;
using NetVips;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// Writes uncompressed RGB TIFFs page by page with the layouts libvips' own writer cannot make — separate colour
/// planes (PlanarConfiguration 2), tiled or in strips, reduced-resolution pages (NewSubfileType 1) — to test what
/// the decoder does with files from scanners, GIS tools and old cameras.
/// </summary>
public static class TiffWriter
{
    public sealed record Page(Image Pixels, bool SeparatePlanes, int? Tile, bool ReducedResolution);

    public static byte[] Write(IReadOnlyList<Page> pages)
    {
        using var output = new MemoryStream();
        var writer = new BinaryWriter(output);
        writer.Write("II"u8);
        writer.Write((ushort)42);
        var nextIfdPointer = output.Position;
        writer.Write(0u);

        foreach (var page in pages)
        {
            var (width, height) = (page.Pixels.Width, page.Pixels.Height);
            using var rgb = page.Pixels.Bands == 3 ? page.Pixels.Copy() : page.Pixels.ExtractBand(0, 3);
            var pixels = rgb.Cast(Enums.BandFormat.Uchar).WriteToMemory<byte>();
            var chunks = Chunks(pixels, width, height, page);

            var offsets = new List<uint>();
            foreach (var chunk in chunks)
            {
                offsets.Add((uint)output.Position);
                writer.Write(chunk);
            }
            if (output.Position % 2 == 1) writer.Write((byte)0);

            // Arrays that do not fit in an entry: written before the IFD.
            var bitsAt = WriteArray(writer, [8, 8, 8]);
            var offsetsAt = WriteArray(writer, offsets);
            var countsAt = WriteArray(writer, chunks.Select(c => (uint)c.Length).ToList());

            var entries = new List<(ushort Tag, ushort Type, uint Count, uint Value)>
            {
                (254, 4, 1, page.ReducedResolution ? 1u : 0u),
                (256, 4, 1, (uint)width),
                (257, 4, 1, (uint)height),
                (258, 3, 3, bitsAt),
                (259, 3, 1, 1),
                (262, 3, 1, 2),
                (277, 3, 1, 3),
                (284, 3, 1, page.SeparatePlanes ? 2u : 1u),
            };
            if (page.Tile is { } tile)
            {
                entries.Add((322, 3, 1, (uint)tile));
                entries.Add((323, 3, 1, (uint)tile));
                entries.Add((324, 4, (uint)offsets.Count, offsets.Count == 1 ? offsets[0] : offsetsAt));
                entries.Add((325, 4, (uint)chunks.Count, chunks.Count == 1 ? (uint)chunks[0].Length : countsAt));
            }
            else
            {
                entries.Add((273, 4, (uint)offsets.Count, offsets.Count == 1 ? offsets[0] : offsetsAt));
                entries.Add((278, 4, 1, (uint)height));
                entries.Add((279, 4, (uint)chunks.Count, chunks.Count == 1 ? (uint)chunks[0].Length : countsAt));
            }
            entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));

            var ifdAt = (uint)output.Position;
            Patch(output, nextIfdPointer, ifdAt);
            writer.Write((ushort)entries.Count);
            foreach (var (tag, type, count, value) in entries)
            {
                writer.Write(tag);
                writer.Write(type);
                writer.Write(count);
                if (type == 3 && count == 1) { writer.Write((ushort)value); writer.Write((ushort)0); }
                else writer.Write(value);
            }
            nextIfdPointer = output.Position;
            writer.Write(0u);
        }
        writer.Flush();
        return output.ToArray();
    }

    /// <summary>Strips are whole planes (one strip per plane); tiles go plane by plane, row by row.</summary>
    private static List<byte[]> Chunks(byte[] interleaved, int width, int height, Page page)
    {
        var planes = page.SeparatePlanes ? 3 : 1;
        var samples = page.SeparatePlanes ? 1 : 3;
        var (tileWidth, tileHeight) = page.Tile is { } t ? (t, t) : (width, height);
        var chunks = new List<byte[]>();
        for (var plane = 0; plane < planes; plane++)
        for (var ty = 0; ty < height; ty += tileHeight)
        for (var tx = 0; tx < width; tx += tileWidth)
        {
            var chunk = new byte[tileWidth * tileHeight * samples];
            for (var y = 0; y < tileHeight && ty + y < height; y++)
            for (var x = 0; x < tileWidth && tx + x < width; x++)
            for (var s = 0; s < samples; s++)
                chunk[(y * tileWidth + x) * samples + s] = interleaved[((ty + y) * width + tx + x) * 3 + (page.SeparatePlanes ? plane : s)];
            chunks.Add(chunk);
        }
        return chunks;
    }

    private static uint WriteArray(BinaryWriter writer, IReadOnlyList<uint> values)
    {
        var at = (uint)writer.BaseStream.Position;
        foreach (var v in values) writer.Write(v);
        return at;
    }

    private static uint WriteArray(BinaryWriter writer, ushort[] values)
    {
        var at = (uint)writer.BaseStream.Position;
        foreach (var v in values) writer.Write(v);
        return at;
    }

    private static void Patch(Stream stream, long at, uint value)
    {
        var here = stream.Position;
        stream.Position = at;
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
        stream.Position = here;
    }
}
