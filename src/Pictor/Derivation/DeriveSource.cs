using Pictor.Imaging;
using Pictor.Storage;

namespace Pictor.Derivation;

/// <summary>
/// What a derive reads: the original, or one of its levels. <see cref="Name"/> (<c>original</c>,
/// <c>level-1024</c>, …) is sent as <c>Pictor-Source</c> on the response that generated the image.
/// </summary>
public sealed record DeriveSource(LocalBlob File, ImageInfo Info, string Name) : IDisposable
{
    public const string Original = "original";

    public void Dispose() => File.Dispose();
}
