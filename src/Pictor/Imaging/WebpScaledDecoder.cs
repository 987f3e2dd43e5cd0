using System.Buffers.Binary;
using System.Runtime.InteropServices;
using NetVips;
using Pictor.Images;

namespace Pictor.Imaging;

/// <summary>
/// Decodes a still WebP with the system's libwebp, scaling it down to exactly W×H while decoding (libwebp's
/// area-averaging rescaler, which libvips' thumbnail uses for most of a WebP's shrink too). libvips 8.18's own webpload, with the libwebp NetVips.Native bundles, took 14.8 ms of
/// CPU for the same scaled decode of the 1165×859 benchmark WebP that Debian's libwebp does in 10.0 ms (its
/// boolean decoder is not inlined there), and WebP derives are nearly all decode. The load step decides when
/// to ask (downscaling, not too large an output); anything this cannot do returns null and takes libvips'
/// path: animations, ICC profiles and EXIF (colour management and orientation are libvips' job), and any file
/// libwebp refuses.
/// </summary>
internal static unsafe class WebpScaledDecoder
{
    /// <summary>Larger outputs keep libvips' path, which needs no buffer of the whole result.</summary>
    private const long MaxOutputPixels = 4_000_000;

    private const byte AnimationFlag = 0x02, ExifFlag = 0x08, IccFlag = 0x20;

    /// <summary>
    /// The whole source scaled to <paramref name="margin"/> times the layout's resized size, at most its own size
    /// (downscaling only). libwebp's rescaler maps the whole extent, so the later steps stay aligned with the
    /// layout; a crop here would start at an even column and row (libwebp rounds them down), up to 1.5 source
    /// pixels off the layout's.
    /// </summary>
    public static Image? TryDecode(string path, ImageInfo source, Layout layout, double margin)
    {
        if (layout.ResizedWidth > source.Width || layout.ResizedHeight > source.Height) return null;
        var width = (int)Math.Min(source.Width, Math.Round(layout.ResizedWidth * margin));
        var height = (int)Math.Min(source.Height, Math.Round(layout.ResizedHeight * margin));
        return TryDecode(path, source, 0, 0, source.Width, source.Height, width, height);
    }

    /// <summary>The source region (<paramref name="left"/>, <paramref name="top"/>, <paramref name="cropWidth"/>×<paramref name="cropHeight"/>) scaled to <paramref name="width"/>×<paramref name="height"/>.</summary>
    private static Image? TryDecode(string path, ImageInfo source, int left, int top, int cropWidth, int cropHeight, int width, int height)
    {
        if (!LibWebp.Available || source.Frames != 1 || (long)width * height > MaxOutputPixels) return null;

        using var file = NativeFile.TryRead(path);
        if (file is null || !IsPlainStill(file.Span)) return null;

        var config = default(LibWebp.DecoderConfig);
        if (!LibWebp.Init(&config) || LibWebp.GetFeatures(file.Pointer, file.Length, &config) != LibWebp.StatusOk) return null;
        if (config.Width != source.Width || config.Height != source.Height) return null;

        var bands = config.HasAlpha != 0 ? 4 : 3;
        var stride = width * bands;
        var size = (nuint)stride * (nuint)height;

        var pixels = (byte*)NativeMemory.Alloc(size);
        try
        {
            var whole = cropWidth == source.Width && cropHeight == source.Height;
            config.UseCropping = whole ? 0 : 1;
            config.CropLeft = left; // libwebp rounds these down to even numbers
            config.CropTop = top;
            config.CropWidth = cropWidth;
            config.CropHeight = cropHeight;
            config.UseScaling = whole && width == source.Width && height == source.Height ? 0 : 1;
            config.ScaledWidth = width;
            config.ScaledHeight = height;
            config.UseThreads = 0; // the imaging slots already keep the cores busy; a helper thread only adds CPU
            config.Colorspace = bands == 4 ? LibWebp.ModeRgba : LibWebp.ModeRgb;
            config.IsExternalMemory = 1;
            config.Rgba = pixels;
            config.Stride = stride;
            config.Size = size;
            var status = LibWebp.Decode(file.Pointer, file.Length, &config);
            LibWebp.FreeOutput(&config);
            if (status != LibWebp.StatusOk) return null;

            using var copied = Image.NewFromMemoryCopy((nint)pixels, size, width, height, bands, Enums.BandFormat.Uchar);
            return copied.Copy(interpretation: Enums.Interpretation.Srgb);
        }
        finally
        {
            NativeMemory.Free(pixels);
        }
    }

    /// <summary>
    /// A simple 'VP8 '/'VP8L' file, or an extended one without animation, ICC profile or EXIF
    /// (alpha and XMP are fine).
    /// </summary>
    private static bool IsPlainStill(ReadOnlySpan<byte> file)
    {
        if (file.Length < 30 || !file[..4].SequenceEqual("RIFF"u8) || !file.Slice(8, 4).SequenceEqual("WEBP"u8)) return false;
        var chunk = file.Slice(12, 4);
        if (chunk.SequenceEqual("VP8 "u8) || chunk.SequenceEqual("VP8L"u8)) return true;
        return chunk.SequenceEqual("VP8X"u8) && BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(16, 4)) >= 10
            && (file[20] & (AnimationFlag | ExifFlag | IccFlag)) == 0;
    }

    /// <summary>A whole file in native memory: the decoder needs it all, and it should not churn the GC heap.</summary>
    private sealed class NativeFile : IDisposable
    {
        private NativeFile(byte* pointer, int length)
        {
            Pointer = pointer;
            Length = (nuint)length;
        }

        public byte* Pointer { get; private set; }
        public nuint Length { get; }
        public ReadOnlySpan<byte> Span => new(Pointer, (int)Length);

        public static NativeFile? TryRead(string path)
        {
            try
            {
                using var handle = File.OpenHandle(path);
                var length = RandomAccess.GetLength(handle);
                if (length is <= 0 or > int.MaxValue) return null;
                var file = new NativeFile((byte*)NativeMemory.Alloc((nuint)length), (int)length);
                var span = new Span<byte>(file.Pointer, (int)length);
                var read = 0;
                while (read < span.Length)
                {
                    var n = RandomAccess.Read(handle, span[read..], read);
                    if (n == 0) break;
                    read += n;
                }
                if (read == span.Length) return file;
                file.Dispose();
                return null;
            }
            catch (IOException) { return null; }
            catch (UnauthorizedAccessException) { return null; }
        }

        public void Dispose()
        {
            NativeMemory.Free(Pointer);
            Pointer = null;
        }
    }
}
