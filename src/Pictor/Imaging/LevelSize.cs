namespace Pictor.Imaging;

/// <summary>One stored level of an original: its long side (which names it) and its upright size.</summary>
public readonly record struct LevelSize(int LongSide, int Width, int Height)
{
    /// <summary>What a derive made from it says in <c>Pictor-Source</c>.</summary>
    public string Name => $"level-{LongSide}";
}
