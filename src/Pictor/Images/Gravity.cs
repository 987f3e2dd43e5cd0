namespace Pictor.Images;

/// <summary>Where a fill crops and a pad places (the <c>g_</c> token).</summary>
public enum Gravity
{
    /// <summary>No <c>g_</c> given: the original's focal point when it has one, else the centre.</summary>
    Default,
    Center,
    North,
    South,
    East,
    West,
    NorthEast,
    NorthWest,
    SouthEast,
    SouthWest,

    /// <summary>The most interesting region (libvips smartcrop, attention).</summary>
    Auto,

    /// <summary>The original's stored focal point (the centre when it has none).</summary>
    Focus,
}
