using System.Diagnostics.CodeAnalysis;
using Pictor.Images;

namespace Pictor.Configuration;

/// <summary>One entry of <c>Pictor:EagerPresets</c>: a preset and the formats to make it in (<c>thumb:webp,avif</c>).</summary>
public sealed record EagerPreset(string Preset, IReadOnlyList<ImageFormat> Formats)
{
    public static bool TryParse(string entry, [NotNullWhen(true)] out EagerPreset? parsed, out string? error)
    {
        parsed = null;
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == entry.Length - 1)
        {
            error = "expected NAME:format[,format…], for example thumb:webp,avif";
            return false;
        }
        List<ImageFormat> formats = [];
        foreach (var ext in entry[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            if (!ImageFormats.TryFromExtension(ext, out var format))
            {
                error = $"'{ext}' is not a format; expected jpg, png, webp, gif, avif or tiff";
                return false;
            }
            if (!formats.Contains(format)) formats.Add(format);
        }
        parsed = new EagerPreset(entry[..colon].Trim(), formats);
        error = null;
        return true;
    }
}
