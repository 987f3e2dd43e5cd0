using Pictor.Imaging;

namespace Pictor.Fuzz;

/// <summary><see cref="GifFraming"/>: walks any bytes as GIF blocks; it must never throw, only say where the data ends or null.</summary>
public sealed class GifFramingTarget : IFuzzTarget
{

    public void Run(byte[] input)
    {
        using var stream = new MemoryStream(input, writable: false);
        GifFraming.FindTruncation(stream);
    }
}
