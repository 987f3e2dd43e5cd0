using System.Text;
using Pictor.Images;
using Pictor.Problems;

namespace Pictor.Imaging;

/// <summary>
/// Finds the format from the first bytes, never from a name or a declared type, and refuses by name
/// the formats a public service must not decode from untrusted bytes.
/// </summary>
public static class FormatSniffer
{
    public const int HeaderLength = 64;

    public static ImageFormat Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return ImageFormat.Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return ImageFormat.Png;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return ImageFormat.Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return ImageFormat.Webp;
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8) || head.StartsWith("II+\0"u8) || head.StartsWith("MM\0+"u8)) return ImageFormat.Tiff;
        if (IsIsoMedia(head, out var brands))
        {
            if (brands.Contains("avif") || brands.Contains("avis")) return ImageFormat.Avif;
            throw ProblemException.UnsupportedFormat($"HEIF/HEIC images ({Describe(brands)}) are not supported; AVIF is.");
        }
        throw ProblemException.UnsupportedFormat(Refusal(head));
    }

    private static bool IsIsoMedia(ReadOnlySpan<byte> head, out HashSet<string> brands)
    {
        brands = [];
        if (head.Length < 16 || !head[4..8].SequenceEqual("ftyp"u8)) return false;
        var boxSize = (head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3];
        var end = Math.Min(head.Length, Math.Max(16, boxSize));
        brands.Add(Encoding.ASCII.GetString(head[8..12]));
        for (var i = 16; i + 4 <= end; i += 4) brands.Add(Encoding.ASCII.GetString(head[i..(i + 4)]));
        return true;
    }

    private static string Describe(HashSet<string> brands) => "brands " + string.Join(", ", brands.Where(b => b.All(char.IsAsciiLetterOrDigit)));

    private static string Refusal(ReadOnlySpan<byte> head)
    {
        const string Accepted = " Accepted formats: JPEG, PNG, WebP, GIF, AVIF, TIFF.";
        var text = Encoding.ASCII.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        string? named =
            text.StartsWith("<svg", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<!DOCTYPE svg", StringComparison.OrdinalIgnoreCase) ? "SVG (XML) documents"
            : text.StartsWith("%PDF", StringComparison.Ordinal) ? "PDF documents"
            : text.StartsWith("%!PS", StringComparison.Ordinal) ? "PostScript documents"
            : head.Length >= 2 && head[0] == 'P' && head[1] is >= (byte)'1' and <= (byte)'7' or (byte)'F' or (byte)'f' ? "PNM images (PBM/PGM/PPM/PFM)"
            : head.StartsWith((ReadOnlySpan<byte>)[0x08, 0xF2, 0xA6, 0xB6]) || head.StartsWith((ReadOnlySpan<byte>)[0xB6, 0xA6, 0xF2, 0x08]) ? "libvips .v images"
            : text.StartsWith("MATLAB", StringComparison.Ordinal) ? "MATLAB files"
            : text.StartsWith("BM", StringComparison.Ordinal) ? "BMP images"
            : text.StartsWith("8BPS", StringComparison.Ordinal) ? "Photoshop (PSD) files"
            : text.StartsWith("SIMPLE", StringComparison.Ordinal) ? "FITS files"
            : text.StartsWith("#?RADIANCE", StringComparison.Ordinal) || text.StartsWith("#?RGBE", StringComparison.Ordinal) ? "Radiance HDR files"
            : head.StartsWith((ReadOnlySpan<byte>)[0x76, 0x2F, 0x31, 0x01]) ? "OpenEXR files"
            : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x0A]) || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x0C, 0x4A, 0x58, 0x4C, 0x20]) ? "JPEG XL images"
            : head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0x00]) ? "ICO files"
            : head.StartsWith("gimp xcf"u8) ? "GIMP XCF files"
            : head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x4F, 0xFF, 0x51]) ? "JPEG 2000 images"
            : null;
        if (named is not null) return $"{named} are not accepted." + Accepted;
        return head.Length == 0 ? "The upload is empty." + Accepted : "The upload is not an image in a recognised format." + Accepted;
    }
}
