using System.Globalization;
using System.Text.RegularExpressions;
using Pictor.Problems;

namespace Pictor.Images;

/// <summary>
/// One derived image of one original: the ID and the normalised options. Parses pymager's
/// <c>{id}-{width}x{height}.{ext}</c> names (<see cref="TransformParser"/> parses the option URLs).
/// </summary>
public sealed partial record DerivedSpec(ImageId Id, TransformOptions Options)
{
    /// <summary>The canonical options (<c>200x100.jpg</c>, <c>w_200,c_fit.webp</c>): the derived image's key within its original.</summary>
    public string Variant => Options.Canonical;

    public ImageFormat Format => Options.Format;

    /// <summary>The canonical name: pymager's <c>{id}-{variant}</c> for a plain fill, else <c>{id}/{variant}</c>.</summary>
    public override string ToString() => Name(Id.Value, Variant);

    /// <summary>The canonical URL path of a stored variant.</summary>
    public static string Name(string id, string variant) =>
        variant.Contains('_', StringComparison.Ordinal) ? $"{id}/{variant}" : $"{id}-{variant}";

    // pymager's own pattern, ([\w_-]+)\-(\d+)x(\d+)\.([a-zA-Z]+), in ASCII: a name it did not decode is 404 there,
    // whatever is wrong with it. The ID may itself contain '-', so the size is the last '-'-separated part.
    // No match timeout: names are at most 256 characters and the worst backtracking is quadratic in that, a few
    // microseconds; a timeout only turned a CPU-starved moment under load into a RegexMatchTimeoutException (500).
    [GeneratedRegex(@"^(?<id>[A-Za-z0-9_-]+)-(?<w>[0-9]+)x(?<h>[0-9]+)\.(?<ext>[A-Za-z]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    /// <summary>
    /// Parses a derived name with pymager's status codes, which its clients turn into exceptions: a name that does
    /// not decode (or names an ID no original can have) is 404, an unknown extension 400, a size that is not
    /// allowed (zero, leading zeros, above <paramref name="maxDimension"/>) 403.
    /// </summary>
    public static DerivedSpec Parse(string? name, int maxDimension)
    {
        var match = name is { Length: <= 256 } ? Shape().Match(name) : Match.Empty;
        if (!match.Success)
            throw ProblemException.NotFound($"'{Truncate(name)}' is not a derived image name; expected {{id}}-{{width}}x{{height}}.{{ext}}, for example photo-200x100.jpg.");
        if (!ImageId.TryParse(match.Groups["id"].Value, out var id, out var error))
            throw ProblemException.NotFound($"No original can have this ID: {error}");

        var width = ParseDimension("width", match.Groups["w"].Value, maxDimension);
        var height = ParseDimension("height", match.Groups["h"].Value, maxDimension);
        var ext = match.Groups["ext"].Value;
        if (!ImageFormats.TryFromExtension(ext, out var format))
            throw ProblemException.BadRequest("unknown-extension", $"The extension '{Truncate(ext)}' is not supported; expected one of jpg, jpeg, png, webp, gif, avif, tiff.");
        return new DerivedSpec(id, TransformOptions.Fill(width, height, format));
    }

    private static int ParseDimension(string name, string digits, int maxDimension)
    {
        // One spelling per size, so that one image has one URL.
        if (digits.Length > 1 && digits[0] == '0')
            throw ProblemException.Forbidden("size-not-allowed", $"The {name} '{Truncate(digits)}' has a leading zero; sizes are whole numbers from 1 to {maxDimension} written without one.");
        if (digits.Length > 9 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > maxDimension)
            throw ProblemException.Forbidden("size-not-allowed", $"The {name} {Truncate(digits)} is larger than the largest allowed, {maxDimension} (Pictor:Limits:MaxDimension).");
        if (value == 0)
            throw ProblemException.Forbidden("size-not-allowed", $"The {name} is 0; sizes are whole numbers from 1 to {maxDimension}.");
        return value;
    }

    private static string Truncate(string? s) => s is null ? "" : s.Length <= 64 ? s : s[..64] + "…";
}
