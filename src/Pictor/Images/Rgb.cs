using System.Globalization;

namespace Pictor.Images;

/// <summary>An opaque 8-bit sRGB colour, written <c>rrggbb</c> (the <c>b_</c> token).</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static readonly Rgb White = new(255, 255, 255);

    public double[] ToArray() => [R, G, B];

    public override string ToString() => $"{R:x2}{G:x2}{B:x2}";

    public static bool TryParse(string text, out Rgb colour)
    {
        colour = default;
        if (text.Length != 6 || !text.All(char.IsAsciiHexDigit)) return false;
        var value = int.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        colour = new Rgb((byte)(value >> 16), (byte)(value >> 8), (byte)value);
        return true;
    }
}
