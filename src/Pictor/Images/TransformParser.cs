using System.Globalization;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Problems;

namespace Pictor.Images;

/// <summary>
/// Parses <c>/derived/{id}/{options}.{ext}</c>: comma-separated <c>key_value</c> tokens in any order, each key
/// at most once. Every refusal names the token and the form expected (400), an unknown preset is 404 and a
/// name that does not decode at all is 404, as for pymager URLs.
/// </summary>
public sealed class TransformParser
{
    private const int MaxNameLength = 256;
    private const string Keys = "w, h, c, g, q, dpr, b, t";
    private static readonly string Modes = string.Join(", ", Enum.GetValues<ResizeMode>().Select(TransformOptions.ModeName));
    private static readonly string Gravities = string.Join(", ",
        Enum.GetValues<Gravity>().Where(g => g != Gravity.Default).Select(TransformOptions.GravityName));

    private readonly int _maxDimension;
    private readonly EncodingOptions _encoding;
    private readonly Dictionary<string, OptionTokens> _presets;

    public TransformParser(IOptions<LimitsOptions> limits, IOptions<EncodingOptions> encoding, IOptions<PictorOptions> options)
    {
        _maxDimension = limits.Value.MaxDimension;
        _encoding = encoding.Value;
        _presets = options.Value.Presets.ToDictionary(p => p.Key, p => ParseTokens(p.Value, _maxDimension, presets: null), StringComparer.Ordinal);
    }

    /// <summary>pymager's name, already decoded: fill W×H.</summary>
    public TransformRequest Pymager(DerivedSpec spec) =>
        new(spec.Id, new OptionTokens(spec.Options.Width, spec.Options.Height), spec.Format, TransformKind.Pymager, _encoding);

    public TransformRequest Parse(string? id, string? name)
    {
        if (!ImageId.TryParse(id, out var imageId, out var error))
            throw ProblemException.NotFound($"'{Truncate(id)}' is not an image ID: {error}");
        var dot = name?.LastIndexOf('.') ?? -1;
        if (name is null || name.Length > MaxNameLength || dot <= 0 || dot == name.Length - 1)
            throw ProblemException.NotFound($"'{Truncate(name)}' is not a derived image name; expected {{options}}.{{ext}}, for example w_200,h_100,c_fit.webp.");

        var ext = name[(dot + 1)..];
        ImageFormat? format = null;
        if (!string.Equals(ext, "auto", StringComparison.OrdinalIgnoreCase))
        {
            if (!ImageFormats.TryFromExtension(ext, out var chosen))
                throw ProblemException.BadRequest("unknown-extension", $"The extension '{Truncate(ext)}' is not supported; expected one of jpg, jpeg, png, webp, gif, avif, tiff, auto.");
            format = chosen;
        }

        var text = name[..dot];
        var tokens = ParseTokens(text, _maxDimension, _presets);
        var kind = text.StartsWith("t_", StringComparison.Ordinal) && !text.Contains(',') ? TransformKind.Preset : TransformKind.Options;
        return new TransformRequest(imageId, tokens, format, kind, _encoding);
    }

    /// <summary>Parses an options string; <paramref name="presets"/> null means <c>t_</c> is not allowed (inside a preset).</summary>
    public static OptionTokens ParseTokens(string text, int maxDimension, IReadOnlyDictionary<string, OptionTokens>? presets)
    {
        var tokens = new OptionTokens();
        OptionTokens? preset = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in text.Split(','))
        {
            var underscore = token.IndexOf('_');
            if (underscore <= 0)
                throw Invalid(token, $"a key_value token; keys are {Keys}");
            var key = token[..underscore];
            var value = token[(underscore + 1)..];
            if (!seen.Add(key))
                throw ProblemException.BadRequest("repeated-option", $"The option '{key}' is given more than once ('{Truncate(token)}'); each key may appear once.");
            tokens = key switch
            {
                "w" => tokens with { Width = Dimension(token, value, maxDimension) },
                "h" => tokens with { Height = Dimension(token, value, maxDimension) },
                "c" => tokens with { Mode = Enum.GetValues<ResizeMode>().Cast<ResizeMode?>().FirstOrDefault(m => TransformOptions.ModeName(m!.Value) == value)
                    ?? throw Invalid(token, $"c_ followed by one of {Modes}") },
                "g" => tokens with { Gravity = Enum.GetValues<Gravity>().Where(g => g != Images.Gravity.Default).Cast<Gravity?>()
                    .FirstOrDefault(g => TransformOptions.GravityName(g!.Value) == value) ?? throw Invalid(token, $"g_ followed by one of {Gravities}") },
                "q" => tokens with { Quality = Whole(token, value, 1, 100, "q_N with N from 1 to 100") },
                "dpr" => tokens with { Dpr = Dpr(token, value) },
                "b" => tokens with { Background = Rgb.TryParse(value, out var colour) ? colour : throw Invalid(token, "b_RRGGBB, six hex digits such as b_ffffff") },
                "t" when presets is not null => SetPreset(ref preset, token, value, presets, tokens),
                "t" => throw Invalid(token, "no t_ inside a preset (presets do not nest)"),
                _ => throw Invalid(token, $"a key_value token; keys are {Keys}"),
            };
        }
        return preset is { } p ? tokens.Over(p) : tokens;
    }

    private static OptionTokens SetPreset(ref OptionTokens? preset, string token, string name, IReadOnlyDictionary<string, OptionTokens> presets, OptionTokens tokens)
    {
        if (!presets.TryGetValue(name, out var found))
            throw ProblemException.NotFound($"There is no preset '{Truncate(name)}' ('{Truncate(token)}'); presets are configured as Pictor:Presets:NAME.");
        preset = found;
        return tokens;
    }

    private static int Dimension(string token, string value, int maxDimension) =>
        Whole(token, value, 1, maxDimension, $"{token[0]}_N with N from 1 to {maxDimension}");

    private static int Whole(string token, string value, int min, int max, string expected)
    {
        if (value.Length is 0 or > 9 || (value.Length > 1 && value[0] == '0')
            || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw Invalid(token, expected + ", written without leading zeros");
        return n;
    }

    private static double Dpr(string token, string value)
    {
        const string Expected = "dpr_X with X from 1 to 4 in steps of 0.5 (dpr_1, dpr_1.5, dpr_2, …)";
        if (value.Length is 0 or > 4 || !value.All(c => char.IsAsciiDigit(c) || c == '.')
            || !double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var dpr)
            || dpr < TransformOptions.MinDpr || dpr > TransformOptions.MaxDpr || dpr * 2 != Math.Floor(dpr * 2))
            throw Invalid(token, Expected);
        return dpr;
    }

    private static ProblemException Invalid(string token, string expected) =>
        ProblemException.BadRequest("invalid-option", token.Length == 0
            ? $"An option is empty (two commas in a row, or a comma at an end); expected {expected}."
            : $"The option '{Truncate(token)}' is not valid; expected {expected}.");

    private static string Truncate(string? s) => s is null ? "" : s.Length <= 64 ? s : s[..64] + "…";
}
