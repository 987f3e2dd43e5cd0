namespace Pictor.Configuration;

/// <summary><c>Pictor:Admin</c>: the browser UI at <c>/admin</c> (static pages that use the public API with the user's key).</summary>
public sealed class AdminOptions
{
    public const string Section = "Pictor:Admin";

    public bool Enabled { get; set; } = true;
}
