using Pictor.Configuration;

namespace Pictor.Images;

/// <summary>
/// A parsed derived URL: the image, its options (preset applied) and the output format, or none when the
/// URL asked for <c>auto</c> (chosen from <c>Accept</c>). What the access rules need rides along.
/// </summary>
public sealed record TransformRequest(ImageId Id, OptionTokens Tokens, ImageFormat? Format, TransformKind Kind, EncodingOptions Encoding)
{
    /// <summary>The size written in the URL (or its preset), before <c>dpr</c>; null unless both are given.</summary>
    public ImageSize? Box => Tokens is { Width: { } w, Height: { } h } ? new ImageSize(w, h) : null;

    /// <summary>The normalised options for <paramref name="format"/> (the URL's own, or the one <c>auto</c> chose).</summary>
    public DerivedSpec For(ImageFormat format)
    {
        var t = Tokens;
        return new DerivedSpec(Id, TransformOptions.Create(t.Width, t.Height, t.Mode, t.Gravity ?? Gravity.Default, t.Quality,
            t.Dpr ?? 1, t.Background ?? Rgb.White, format, Encoding));
    }
}

/// <summary>Which URL shape asked: the access rules treat them differently.</summary>
public enum TransformKind
{
    /// <summary><c>/derived/{id}-{w}x{h}.{ext}</c>.</summary>
    Pymager,

    /// <summary><c>/derived/{id}/t_NAME.{ext}</c>: a preset and nothing else.</summary>
    Preset,

    /// <summary>Any other options URL.</summary>
    Options,
}
