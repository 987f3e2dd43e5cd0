using Microsoft.Net.Http.Headers;

namespace Pictor.Images;

/// <summary>
/// <c>ext</c> <c>auto</c>: AVIF when <c>Accept</c> lists <c>image/avif</c>, else WebP when it lists
/// <c>image/webp</c>, else JPEG, or PNG when the original has alpha. A type listed with <c>q=0</c> is refused
/// by the client, so it does not count; wildcards do not either (browsers send <c>image/*</c> to everything).
/// </summary>
public static class AutoFormat
{
    public static ImageFormat Choose(IList<string>? accept, bool originalHasAlpha)
    {
        if (accept is { Count: > 0 } && MediaTypeHeaderValue.TryParseList(accept, out var types))
        {
            if (Lists(types, "image/avif")) return ImageFormat.Avif;
            if (Lists(types, "image/webp")) return ImageFormat.Webp;
        }
        return originalHasAlpha ? ImageFormat.Png : ImageFormat.Jpeg;
    }

    private static bool Lists(IList<MediaTypeHeaderValue> types, string type) =>
        types.Any(t => t.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase) && t.Quality is not 0);
}
