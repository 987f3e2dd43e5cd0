namespace Pictor.Client;

/// <summary>Where fill crops and pad places (<c>g_</c>).</summary>
public enum Gravity
{
    /// <summary><c>g_center</c>.</summary>
    Center,
    /// <summary><c>g_north</c>.</summary>
    North,
    /// <summary><c>g_south</c>.</summary>
    South,
    /// <summary><c>g_east</c>.</summary>
    East,
    /// <summary><c>g_west</c>.</summary>
    West,
    /// <summary><c>g_north_east</c>.</summary>
    NorthEast,
    /// <summary><c>g_north_west</c>.</summary>
    NorthWest,
    /// <summary><c>g_south_east</c>.</summary>
    SouthEast,
    /// <summary><c>g_south_west</c>.</summary>
    SouthWest,
    /// <summary><c>g_auto</c>: around the most interesting region.</summary>
    Auto,
    /// <summary><c>g_focus</c>: around the stored focal point (the default when one is stored).</summary>
    Focus,
}
