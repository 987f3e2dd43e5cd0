namespace Pictor.Configuration;

/// <summary><c>Pictor:Signing</c>: keys for signed derived URLs.</summary>
public sealed class SigningOptions
{
    public const string Section = "Pictor:Signing";

    /// <summary>The first signs (in tools and clients); every one verifies, so keys can rotate.</summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>Derived URLs other than presets and allowed sizes need a valid signature.</summary>
    public bool Required { get; set; }
}
