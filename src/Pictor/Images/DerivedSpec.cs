using System.Globalization;
using System.Text.RegularExpressions;
using Pictor.Problems;

namespace Pictor.Images;

/// <summary>A parsed <c>{id}-{width}x{height}.{ext}</c> derived-image name.</summary>
public sealed partial record DerivedSpec(ImageId Id, int Width, int Height, ImageFormat Format)
{
    /// <summary>The part after the ID, canonical (<c>200x100.jpg</c>): the derived image's key within its original.</summary>
    public string Variant => $"{Width}x{Height}.{Format.Extension()}";

    public override string ToString() => $"{Id}-{Variant}";

    // The ID may itself contain '-', so the size is the last '-'-separated part before the extension.
    [GeneratedRegex(@"^(?<id>.+)-(?<w>[0-9]+)x(?<h>[0-9]+)\.(?<ext>[^./]+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Shape();

    /// <summary>
    /// Parses a derived name. A name without the <c>-WxH.ext</c> shape is 404 (pymager: the path does not decode);
    /// a name of that shape with a bad ID, size or extension is 400 naming the part at fault.
    /// </summary>
    public static DerivedSpec Parse(string? name, int maxDimension)
    {
        var match = name is { Length: <= 256 } ? Shape().Match(name) : Match.Empty;
        if (!match.Success)
            throw ProblemException.NotFound($"'{Truncate(name)}' is not a derived image name; expected {{id}}-{{width}}x{{height}}.{{ext}}, for example photo-200x100.jpg.");

        var id = ImageId.Parse(match.Groups["id"].Value);
        var width = ParseDimension("width", match.Groups["w"].Value, maxDimension);
        var height = ParseDimension("height", match.Groups["h"].Value, maxDimension);
        var ext = match.Groups["ext"].Value;
        if (!ImageFormats.TryFromExtension(ext, out var format))
            throw ProblemException.BadRequest("unknown-extension", $"The extension '{Truncate(ext)}' is not supported; expected one of jpg, jpeg, png, webp, gif, avif, tiff.");
        return new DerivedSpec(id, width, height, format);
    }

    private static int ParseDimension(string name, string digits, int maxDimension)
    {
        if (digits.Length > 1 && digits[0] == '0')
            throw ProblemException.BadRequest("invalid-size", $"The {name} '{Truncate(digits)}' has a leading zero; expected a whole number from 1 to {maxDimension} written without one.");
        if (digits.Length > 9 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > maxDimension)
            throw ProblemException.BadRequest("invalid-size", $"The {name} {Truncate(digits)} is larger than the largest allowed, {maxDimension}.");
        if (value == 0)
            throw ProblemException.BadRequest("invalid-size", $"The {name} is 0; expected a whole number from 1 to {maxDimension}.");
        return value;
    }

    private static string Truncate(string? s) => s is null ? "" : s.Length <= 64 ? s : s[..64] + "…";
}
