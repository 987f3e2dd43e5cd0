using System.Globalization;
using System.Text;
using Pictor.Configuration;

namespace Pictor.Images;

/// <summary>
/// What a derived image is, parsed once at the edge and normalised, so that every spelling of the same
/// request is one value with one <see cref="Canonical"/> string: the derived record's variant key.
/// Normalising drops what cannot change the output (gravity of fit and limit, quality of lossless formats,
/// defaults spelled out) and the plain fill keeps pymager's <c>{w}x{h}.{ext}</c> form, which is what
/// derived images stored before option URLs existed are keyed by.
/// </summary>
public sealed record TransformOptions
{
    public const double MinDpr = 1, MaxDpr = 4;

    private TransformOptions(int? width, int? height, ResizeMode mode, Gravity gravity, int? quality, double dpr, Rgb background, ImageFormat format)
    {
        (Width, Height, Mode, Gravity, Quality, Dpr, Background, Format) = (width, height, mode, gravity, quality, dpr, background, format);
    }

    /// <summary>Requested width in CSS pixels (before <see cref="Dpr"/>); null follows the aspect ratio.</summary>
    public int? Width { get; }

    public int? Height { get; }

    public ResizeMode Mode { get; }

    public Gravity Gravity { get; }

    /// <summary>Encoder quality; null is the format's configured default.</summary>
    public int? Quality { get; }

    public double Dpr { get; }

    public Rgb Background { get; }

    public ImageFormat Format { get; }

    /// <summary>The variant key: <c>{w}x{h}.{ext}</c> for a plain fill, else the tokens in a fixed order.</summary>
    public string Canonical => IsPlainFill ? $"{Width}x{Height}.{Format.Extension()}" : $"{Tokens()}.{Format.Extension()}";

    /// <summary>pymager's one transformation: fill W×H around the default gravity, everything else default.</summary>
    public bool IsPlainFill =>
        Width is not null && Height is not null && Mode == ResizeMode.Fill && Gravity == Gravity.Default
        && Quality is null && Dpr == 1 && Background == Rgb.White;

    /// <summary>Whether the original's focal point places the crop (fill) or the image (pad).</summary>
    public bool DependsOnFocus => Mode is ResizeMode.Fill or ResizeMode.Pad && Gravity is Gravity.Default or Gravity.Focus;

    public override string ToString() => Canonical;

    /// <summary>pymager's <c>{id}-{w}x{h}.{ext}</c>.</summary>
    public static TransformOptions Fill(int width, int height, ImageFormat format) =>
        new(width, height, ResizeMode.Fill, Gravity.Default, null, 1, Rgb.White, format);

    /// <summary>
    /// The normalised options. <paramref name="mode"/> null is the default: fill when both sizes are given.
    /// With one size (or none) every mode but limit scales to it, so they are all fit; with none, all are limit.
    /// </summary>
    public static TransformOptions Create(
        int? width, int? height, ResizeMode? mode, Gravity gravity, int? quality, double dpr, Rgb background,
        ImageFormat format, EncodingOptions encoding)
    {
        var resolved = (width, height) switch
        {
            (null, null) => ResizeMode.Limit,
            (not null, not null) => mode ?? ResizeMode.Fill,
            _ => mode == ResizeMode.Limit ? ResizeMode.Limit : ResizeMode.Fit,
        };
        gravity = resolved switch
        {
            ResizeMode.Fit or ResizeMode.Limit => Gravity.Default, // nothing to place
            ResizeMode.Pad when gravity == Gravity.Auto => Gravity.Center, // nothing is cut, so nothing to look for
            _ => gravity,
        };
        if (quality is not null && (!IsLossy(format) || quality == DefaultQuality(format, encoding))) quality = null;
        return new TransformOptions(width, height, resolved, gravity, quality, dpr, background, format);
    }

    public static bool IsLossy(ImageFormat format) => format is ImageFormat.Jpeg or ImageFormat.Webp or ImageFormat.Avif;

    public static int DefaultQuality(ImageFormat format, EncodingOptions encoding) => format switch
    {
        ImageFormat.Jpeg => encoding.Jpeg.Quality,
        ImageFormat.Webp => encoding.Webp.Quality,
        ImageFormat.Avif => encoding.Avif.Quality,
        ImageFormat.Tiff => encoding.Tiff.Quality,
        _ => 0,
    };

    private string Tokens()
    {
        var tokens = new List<string>(7);
        if (Width is { } w) tokens.Add($"w_{w}");
        if (Height is { } h) tokens.Add($"h_{h}");
        var defaultMode = (Width, Height) switch { (null, null) => ResizeMode.Limit, (not null, not null) => ResizeMode.Fill, _ => ResizeMode.Fit };
        if (Mode != defaultMode || (Width is null && Height is null)) tokens.Add($"c_{ModeName(Mode)}");
        if (Gravity != Gravity.Default) tokens.Add($"g_{GravityName(Gravity)}");
        if (Quality is { } q) tokens.Add($"q_{q}");
        if (Dpr != 1) tokens.Add($"dpr_{Dpr.ToString("0.#", CultureInfo.InvariantCulture)}");
        if (Background != Rgb.White) tokens.Add($"b_{Background}");
        return string.Join(',', tokens);
    }

    public static string ModeName(ResizeMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary><c>north_east</c> for <see cref="Gravity.NorthEast"/>.</summary>
    public static string GravityName(Gravity gravity)
    {
        var name = gravity.ToString();
        var text = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
