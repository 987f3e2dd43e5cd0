namespace Pictor.Imaging.Placeholders;

/// <summary>What a front end can show before an image loads: its ThumbHash (base64) and dominant colour (<c>#rrggbb</c>).</summary>
public sealed record Placeholder(string ThumbHash, string DominantColor)
{
    /// <summary>Both facts of a small upright picture (at most <see cref="Placeholders.ThumbHash.MaxSide"/> on each side), 8-bit RGBA.</summary>
    public static Placeholder Of(int width, int height, ReadOnlySpan<byte> rgba) =>
        new(Convert.ToBase64String(Placeholders.ThumbHash.Encode(width, height, rgba)), DominantColour.Of(rgba));
}
