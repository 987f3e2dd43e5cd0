namespace Pictor.Bench.Engine;

/// <summary>
/// The sizes of a cold load: the k-th request asks for a size no earlier one asked for. The wrk scripts
/// (bench/lua/cold.lua) use the same formula, so every contender derives the same sizes.
/// </summary>
public readonly record struct SizeRange(int BaseWidth, int BaseHeight)
{
    public const int Span = 300;

    public (int Width, int Height) At(long k) => (BaseWidth + (int)(k % Span), BaseHeight + (int)(k / Span % Span));

    public static SizeRange Parse(string text)
    {
        var parts = text.Split('x');
        return new SizeRange(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
