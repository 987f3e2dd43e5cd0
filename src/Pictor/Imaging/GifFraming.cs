namespace Pictor.Imaging;

/// <summary>
/// Walks the block structure of a GIF without decoding it, to find a file that ends inside a block.
/// libvips (libnsgif) silently drops the frames a truncated animation lost, even with fail-on set, so a
/// cut animation would otherwise be accepted as a shorter or half-drawn one. A file that only lacks the
/// final trailer byte, after complete blocks, is accepted as browsers accept it.
/// </summary>
public static class GifFraming
{
    private const int Extension = 0x21;
    private const int ImageDescriptor = 0x2C;
    private const int Trailer = 0x3B;

    /// <summary>Null when every block is complete; otherwise where the data ends.</summary>
    public static string? FindTruncation(Stream gif)
    {
        var reader = new Reader(gif);
        if (!reader.Skip(6)) return "the data ends inside the header";
        Span<byte> screen = stackalloc byte[7];
        if (!reader.Read(screen)) return "the data ends inside the logical screen descriptor";
        if (!reader.Skip(ColourTableLength(screen[4]))) return "the data ends inside the global colour table";

        Span<byte> descriptor = stackalloc byte[9];
        for (var frame = 1; ; )
        {
            var block = reader.ReadByte();
            switch (block)
            {
                case -1 or Trailer:
                    return null;
                case Extension:
                    if (reader.ReadByte() < 0 || !reader.SkipSubBlocks()) return $"the data ends inside an extension before frame {frame}";
                    break;
                case ImageDescriptor:
                    if (!reader.Read(descriptor) || !reader.Skip(ColourTableLength(descriptor[8])) || reader.ReadByte() < 0 || !reader.SkipSubBlocks())
                        return $"the data ends inside frame {frame}";
                    frame++;
                    break;
                default:
                    return null; // not a block: the decoder decides what the bytes before it are worth
            }
        }
    }

    private static int ColourTableLength(byte packed) => (packed & 0x80) == 0 ? 0 : 3 << ((packed & 0x07) + 1);

    private sealed class Reader(Stream stream)
    {
        public int ReadByte() => stream.ReadByte();

        public bool Read(Span<byte> buffer) => stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;

        public bool Skip(int count)
        {
            if (count == 0) return true;
            if (stream.Position + count > stream.Length) return false;
            stream.Seek(count, SeekOrigin.Current);
            return true;
        }

        /// <summary>Data sub-blocks: a length byte and that many bytes, until a zero length.</summary>
        public bool SkipSubBlocks()
        {
            while (true)
            {
                var length = ReadByte();
                if (length < 0) return false;
                if (length == 0) return true;
                if (!Skip(length)) return false;
            }
        }
    }
}
