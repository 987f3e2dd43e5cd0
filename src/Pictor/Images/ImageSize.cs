using System.Globalization;

namespace Pictor.Images;

/// <summary>A width × height pair, as written in <c>Pictor:AllowedSizes</c> (<c>200x100</c>).</summary>
public readonly record struct ImageSize(int Width, int Height) : IComparable<ImageSize>
{
    public int CompareTo(ImageSize other) => (Width, Height).CompareTo((other.Width, other.Height));

    public override string ToString() => $"{Width}x{Height}";

    public static bool TryParse(string? text, out ImageSize size)
    {
        size = default;
        var parts = text?.Trim().Split('x', 'X');
        if (parts is not { Length: 2 }) return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w) || w <= 0) return false;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h) || h <= 0) return false;
        size = new ImageSize(w, h);
        return true;
    }
}
