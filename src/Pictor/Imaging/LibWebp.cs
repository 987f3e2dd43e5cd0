using System.Runtime.InteropServices;

namespace Pictor.Imaging;

/// <summary>
/// The system's libwebp (Debian's libwebp7, which libtiff6 already pulls in), called directly for the one
/// thing libvips does slowly with it: see <see cref="WebpScaledDecoder"/>. Its decoder reports every failure
/// as a status code (no longjmp), so calling it from .NET is safe. Missing or incompatible: not used.
/// </summary>
internal static unsafe partial class LibWebp
{
    private const string Library = "libwebp.so.7";

    /// <summary>decode.h's WEBP_DECODER_ABI_VERSION since libwebp 1.1; the library refuses another major.</summary>
    private const int DecoderAbi = 0x0209;

    public const int ModeRgb = 0;
    public const int ModeRgba = 1;
    public const int StatusOk = 0;

    private static readonly Lazy<int> DecoderVersion = new(ProbeVersion);

    /// <summary>libwebp's version as 0xMMmmpp (0x010204 for 1.2.4), or 0 when it cannot be used.</summary>
    public static int Version => DecoderVersion.Value;

    public static bool Available => Version != 0;

    private static int ProbeVersion()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        try
        {
            var config = default(DecoderConfig);
            return InitDecoderConfig(&config, DecoderAbi) != 0 ? GetDecoderVersion() : 0;
        }
        catch (DllNotFoundException) { return 0; }
        catch (EntryPointNotFoundException) { return 0; }
    }

    /// <summary>WebPDecoderConfig as decode.h lays it out on 64-bit Linux (offsets checked with offsetof).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 240)]
    public struct DecoderConfig
    {
        // input: WebPBitstreamFeatures
        [FieldOffset(0)] public int Width;
        [FieldOffset(4)] public int Height;
        [FieldOffset(8)] public int HasAlpha;

        // output: WebPDecBuffer, RGBA member of its union
        [FieldOffset(40)] public int Colorspace;
        [FieldOffset(52)] public int IsExternalMemory;
        [FieldOffset(56)] public byte* Rgba;
        [FieldOffset(64)] public int Stride;
        [FieldOffset(72)] public nuint Size;

        // options: WebPDecoderOptions
        [FieldOffset(168)] public int UseCropping;
        [FieldOffset(172)] public int CropLeft;
        [FieldOffset(176)] public int CropTop;
        [FieldOffset(180)] public int CropWidth;
        [FieldOffset(184)] public int CropHeight;
        [FieldOffset(188)] public int UseScaling;
        [FieldOffset(192)] public int ScaledWidth;
        [FieldOffset(196)] public int ScaledHeight;
        [FieldOffset(200)] public int UseThreads;
    }

    public static bool Init(DecoderConfig* config) => InitDecoderConfig(config, DecoderAbi) != 0;

    /// <summary>Fills config's input (the bitstream's features) from the headers alone.</summary>
    public static int GetFeatures(byte* data, nuint size, DecoderConfig* config) => GetFeaturesInternal(data, size, config, DecoderAbi);

    [LibraryImport(Library, EntryPoint = "WebPGetDecoderVersion")]
    private static partial int GetDecoderVersion();

    [LibraryImport(Library, EntryPoint = "WebPInitDecoderConfigInternal")]
    private static partial int InitDecoderConfig(DecoderConfig* config, int abi);

    // The features are the config's first member, so the config's address is theirs.
    [LibraryImport(Library, EntryPoint = "WebPGetFeaturesInternal")]
    private static partial int GetFeaturesInternal(byte* data, nuint size, DecoderConfig* features, int abi);

    [LibraryImport(Library, EntryPoint = "WebPDecode")]
    public static partial int Decode(byte* data, nuint size, DecoderConfig* config);

    [LibraryImport(Library, EntryPoint = "WebPFreeDecBuffer")]
    private static partial void FreeDecBuffer(byte* output);

    /// <summary>Frees what the decoder allocated itself (nothing when the output memory was ours).</summary>
    public static void FreeOutput(DecoderConfig* config) => FreeDecBuffer((byte*)config + 40);
}
