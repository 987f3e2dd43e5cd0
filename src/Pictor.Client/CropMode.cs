namespace Pictor.Client;

/// <summary>How a derived image fits its box (<c>c_</c>).</summary>
public enum CropMode
{
    /// <summary><c>c_fill</c>: cover the box, then crop to exactly W×H (the default when both are given).</summary>
    Fill,
    /// <summary><c>c_fit</c>: contain within W×H, aspect kept, may enlarge.</summary>
    Fit,
    /// <summary><c>c_limit</c>: as fit, never enlarges.</summary>
    Limit,
    /// <summary><c>c_pad</c>: contain, then pad to exactly W×H with the background.</summary>
    Pad,
}
