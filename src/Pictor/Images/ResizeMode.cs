namespace Pictor.Images;

/// <summary>How the image meets the requested box (the <c>c_</c> token).</summary>
public enum ResizeMode
{
    /// <summary>Cover the box, then crop to exactly W×H.</summary>
    Fill,

    /// <summary>Contain within the box, aspect kept; may enlarge.</summary>
    Fit,

    /// <summary>As <see cref="Fit"/>, never enlarges.</summary>
    Limit,

    /// <summary>Contain, then extend to exactly W×H with the background.</summary>
    Pad,
}
