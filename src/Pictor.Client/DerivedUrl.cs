using System.Globalization;
using System.Text;

namespace Pictor.Client;

/// <summary>
/// Builds <c>/derived/{id}/{options}.{ext}</c> URLs. Immutable: every method returns a new value, so one base
/// (say a preset and a format) can be varied per use. Tokens are written in the service's canonical order
/// (<c>t, w, h, c, g, q, dpr, b</c>) so one request has one spelling and one signature.
/// </summary>
/// <example><code>
/// var url = new DerivedUrl("alice").Size(300, 200).Crop(CropMode.Fill).Gravity(Gravity.Auto).Format("webp");
/// url.ToString();                       // /derived/alice/w_300,h_200,c_fill,g_auto.webp
/// url.Sign(key, TimeSpan.FromHours(1)); // adds ?s=…&amp;exp=…
/// url.Srcset(320, 640, 1280);           // "… 320w, … 640w, … 1280w" (heights scaled)
/// </code></example>
public sealed record DerivedUrl
{
    private const string AllowedNameChars = "A-Za-z0-9_-";

    /// <summary>A URL for the original <paramref name="id"/>, relative to the service root unless <paramref name="baseAddress"/> is given.</summary>
    public DerivedUrl(string id, Uri? baseAddress = null)
    {
        Id = CheckName(id, nameof(id));
        BaseAddress = baseAddress;
    }

    /// <summary>The original's ID.</summary>
    public string Id { get; }

    /// <summary>The service root the URL is made absolute against; null for a root-relative URL.</summary>
    public Uri? BaseAddress { get; init; }

    /// <summary><c>w_N</c>: width in CSS pixels.</summary>
    public int? WidthValue { get; private init; }

    /// <summary><c>h_N</c>: height in CSS pixels.</summary>
    public int? HeightValue { get; private init; }

    /// <summary><c>c_</c>.</summary>
    public CropMode? CropValue { get; private init; }

    /// <summary><c>g_</c>.</summary>
    public Gravity? GravityValue { get; private init; }

    /// <summary><c>q_N</c>.</summary>
    public int? QualityValue { get; private init; }

    /// <summary><c>dpr_X</c>; 1 is not written.</summary>
    public double DprValue { get; private init; } = 1;

    /// <summary><c>b_RRGGBB</c>, lower-case hex.</summary>
    public string? BackgroundValue { get; private init; }

    /// <summary><c>t_NAME</c>: a preset of <c>Pictor:Presets</c>.</summary>
    public string? PresetValue { get; private init; }

    /// <summary>The extension: <c>jpg</c>, <c>png</c>, <c>webp</c>, <c>gif</c>, <c>avif</c>, <c>tiff</c> or <c>auto</c> (the default).</summary>
    public string Extension { get; private init; } = "auto";

    /// <summary>The signing key, when the URL is to be signed.</summary>
    public string? SigningKey { get; private init; }

    /// <summary>Unix seconds the signature expires at; null for none.</summary>
    public long? Expires { get; private init; }

    /// <summary>Width (<c>w_N</c>, 1…MaxDimension).</summary>
    public DerivedUrl Width(int width) => this with { WidthValue = Positive(width, nameof(width)) };

    /// <summary>Height (<c>h_N</c>, 1…MaxDimension).</summary>
    public DerivedUrl Height(int height) => this with { HeightValue = Positive(height, nameof(height)) };

    /// <summary>Width and height.</summary>
    public DerivedUrl Size(int width, int height) => Width(width).Height(height);

    /// <summary>How the image fits the box.</summary>
    public DerivedUrl Crop(CropMode mode) => this with { CropValue = mode };

    /// <summary>Where fill crops and pad places.</summary>
    public DerivedUrl Gravity(Gravity gravity) => this with { GravityValue = gravity };

    /// <summary>Quality 1–100 for lossy formats.</summary>
    public DerivedUrl Quality(int quality) =>
        quality is >= 1 and <= 100 ? this with { QualityValue = quality } : throw new ArgumentOutOfRangeException(nameof(quality), quality, "Quality is 1 to 100.");

    /// <summary>Device pixel ratio, 1 to 4 in steps of 0.5; multiplies width and height.</summary>
    public DerivedUrl Dpr(double dpr) =>
        dpr is >= 1 and <= 4 && dpr * 2 == Math.Floor(dpr * 2)
            ? this with { DprValue = dpr }
            : throw new ArgumentOutOfRangeException(nameof(dpr), dpr, "dpr is 1 to 4 in steps of 0.5.");

    /// <summary>Background for <see cref="CropMode.Pad"/> and flattened alpha: six hex digits, with or without '#'.</summary>
    public DerivedUrl Background(string rrggbb)
    {
        var hex = rrggbb.TrimStart('#');
        return hex.Length == 6 && hex.All(char.IsAsciiHexDigit)
            ? this with { BackgroundValue = hex.ToLowerInvariant() }
            : throw new ArgumentException($"A background is six hex digits (RRGGBB); got '{rrggbb}'.", nameof(rrggbb));
    }

    /// <summary>A preset (<c>t_NAME</c>); the URL's other options override it.</summary>
    public DerivedUrl Preset(string name) => this with { PresetValue = CheckName(name, nameof(name)) };

    /// <summary>The output format by extension (<c>jpg</c>, <c>png</c>, <c>webp</c>, <c>gif</c>, <c>avif</c>, <c>tiff</c>, <c>auto</c>).</summary>
    public DerivedUrl Format(string extension)
    {
        var ext = extension.TrimStart('.').ToLowerInvariant();
        return ext is "jpg" or "jpeg" or "png" or "webp" or "gif" or "avif" or "tiff" or "auto"
            ? this with { Extension = ext }
            : throw new ArgumentException($"'{extension}' is not an output format; expected jpg, jpeg, png, webp, gif, avif, tiff or auto.", nameof(extension));
    }

    /// <summary><c>auto</c>: AVIF, WebP or JPEG/PNG chosen by the service from the browser's <c>Accept</c>.</summary>
    public DerivedUrl Auto() => Format("auto");

    /// <summary>
    /// This URL with the tokens of an options string (<c>w_300,h_200,c_fit</c>, any order) applied, each checked
    /// as by its method; the result is written in canonical order.
    /// </summary>
    public DerivedUrl WithOptions(string options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var url = this;
        foreach (var token in options.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var underscore = token.IndexOf('_');
            var (key, value) = underscore > 0 ? (token[..underscore], token[(underscore + 1)..]) : (token, "");
            url = key switch
            {
                "w" => url.Width(Whole(token, value)),
                "h" => url.Height(Whole(token, value)),
                "c" => url.Crop(Enum.GetValues<CropMode>().FirstOrDefault(m => m.ToString().ToLowerInvariant() == value, (CropMode)(-1)) is var m && Enum.IsDefined(m)
                    ? m : throw new ArgumentException($"'{token}': c_ is one of fill, fit, limit, pad.", nameof(options))),
                "g" => url.Gravity(Enum.GetValues<Gravity>().FirstOrDefault(g => Snake(g.ToString()) == value, (Gravity)(-1)) is var g && Enum.IsDefined(g)
                    ? g : throw new ArgumentException($"'{token}': g_ is one of {string.Join(", ", Enum.GetValues<Gravity>().Select(x => Snake(x.ToString())))}.", nameof(options))),
                "q" => url.Quality(Whole(token, value)),
                "dpr" => url.Dpr(double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d
                    : throw new ArgumentException($"'{token}': dpr_ is 1 to 4 in steps of 0.5.", nameof(options))),
                "b" => url.Background(value),
                "t" => url.Preset(value),
                _ => throw new ArgumentException($"'{token}' is not an option; keys are w, h, c, g, q, dpr, b, t.", nameof(options)),
            };
        }
        return url;
    }

    /// <summary>Signed with <paramref name="key"/>, never expiring.</summary>
    public DerivedUrl Sign(string key) => this with { SigningKey = CheckKey(key), Expires = null };

    /// <summary>Signed with <paramref name="key"/>, valid until <paramref name="expires"/>.</summary>
    public DerivedUrl Sign(string key, DateTimeOffset expires) => this with { SigningKey = CheckKey(key), Expires = expires.ToUnixTimeSeconds() };

    /// <summary>Signed with <paramref name="key"/>, valid for <paramref name="lifetime"/> from now.</summary>
    public DerivedUrl Sign(string key, TimeSpan lifetime) => Sign(key, DateTimeOffset.UtcNow.Add(lifetime));

    /// <summary>Not signed.</summary>
    public DerivedUrl Unsigned() => this with { SigningKey = null, Expires = null };

    /// <summary>The options segment: tokens in canonical order, comma-separated (empty when none are set).</summary>
    public string Options
    {
        get
        {
            var tokens = new List<string>(8);
            if (PresetValue is { } t) tokens.Add($"t_{t}");
            if (WidthValue is { } w) tokens.Add($"w_{w.ToString(CultureInfo.InvariantCulture)}");
            if (HeightValue is { } h) tokens.Add($"h_{h.ToString(CultureInfo.InvariantCulture)}");
            if (CropValue is { } c) tokens.Add($"c_{c.ToString().ToLowerInvariant()}");
            if (GravityValue is { } g) tokens.Add($"g_{Snake(g.ToString())}");
            if (QualityValue is { } q) tokens.Add($"q_{q.ToString(CultureInfo.InvariantCulture)}");
            if (DprValue != 1) tokens.Add($"dpr_{DprValue.ToString("0.#", CultureInfo.InvariantCulture)}");
            if (BackgroundValue is { } b) tokens.Add($"b_{b}");
            return string.Join(',', tokens);
        }
    }

    /// <summary>The path the service sees and signatures cover: <c>/derived/{id}/{options}.{ext}</c>.</summary>
    public string Path
    {
        get
        {
            var options = Options;
            if (options.Length == 0)
                throw new InvalidOperationException("A derived URL needs at least one option (a size, a preset, a crop mode, …).");
            return $"/derived/{Id}/{options}.{Extension}";
        }
    }

    /// <summary>The path with its signature query, if signed.</summary>
    public string PathAndQuery => SigningKey is { } key ? Path + UrlSignature.Query(key, Path, Expires) : Path;

    /// <summary>The URL: absolute against <see cref="BaseAddress"/> when set (its path prefix kept), else root-relative.</summary>
    public override string ToString()
    {
        if (BaseAddress is null) return PathAndQuery;
        var root = BaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return root + PathAndQuery;
    }

    /// <summary>The URL as a <see cref="Uri"/> (absolute when <see cref="BaseAddress"/> is set).</summary>
    public Uri ToUri() => new(ToString(), BaseAddress is null ? UriKind.Relative : UriKind.Absolute);

    /// <summary>
    /// A <c>srcset</c> of width descriptors (<c>URL 320w, URL 640w</c>); when a height is set it is scaled with the
    /// width so every candidate has the same aspect ratio.
    /// </summary>
    public string Srcset(params IEnumerable<int> widths)
    {
        var parts = new List<string>();
        foreach (var width in widths.Distinct().Order())
        {
            var candidate = Width(width);
            if (WidthValue is { } w && HeightValue is { } h)
                candidate = candidate.Height(Math.Max(1, (int)Math.Round(h * (double)width / w, MidpointRounding.AwayFromZero)));
            parts.Add($"{candidate} {width.ToString(CultureInfo.InvariantCulture)}w");
        }
        return parts.Count > 0 ? string.Join(", ", parts) : throw new ArgumentException("A srcset needs at least one width.", nameof(widths));
    }

    /// <summary>A <c>srcset</c> of density descriptors (<c>URL 1x, URL 2x</c>) at the same CSS size.</summary>
    public string DprSrcset(params IEnumerable<double> dprs)
    {
        var parts = dprs.Distinct().Order().Select(d => $"{Dpr(d)} {d.ToString("0.#", CultureInfo.InvariantCulture)}x").ToList();
        return parts.Count > 0 ? string.Join(", ", parts) : throw new ArgumentException("A srcset needs at least one density.", nameof(dprs));
    }

    private static string Snake(string name)
    {
        var text = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    private static int Whole(string token, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"'{token}' needs a whole number.", "options");

    private static int Positive(int value, string name) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, "Sizes are at least 1.");

    private static string CheckKey(string key) => string.IsNullOrEmpty(key) ? throw new ArgumentException("A signing key is not empty.", nameof(key)) : key;

    private static string CheckName(string name, string parameter) =>
        !string.IsNullOrEmpty(name) && name.Length <= 128 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? name
            : throw new ArgumentException($"'{name}' is not a name of 1 to 128 characters from [{AllowedNameChars}].", parameter);
}
