namespace Pictor.Configuration;

/// <summary>
/// <c>Pictor:Keys</c> (scoped keys) and <c>Pictor:Auth</c> (failed-attempt limit). <c>Pictor:ApiKeys</c>, the
/// older flat list in <see cref="PictorOptions"/>, stays: each entry there is a full-access (admin) key.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Pictor:Auth";

    /// <summary>Failed authentications one client address may make per minute; beyond that its requests with
    /// credentials get 429 until the minute has passed. 0 turns the limit off.</summary>
    public int FailuresPerMinute { get; set; } = 10;
}

/// <summary>One <c>Pictor:Keys:{n}</c> entry: the key itself or its SHA-256 (hex), and what it may do.</summary>
public sealed class ScopedKeyOptions
{
    public const string Section = "Pictor:Keys";

    /// <summary>The key in plain text; or leave it out and give <see cref="Sha256"/>.</summary>
    public string? Key { get; set; }

    /// <summary>Lower-case or upper-case hex SHA-256 of the key's UTF-8 bytes, so no plain key sits in a file.</summary>
    public string? Sha256 { get; set; }

    /// <summary><c>read</c>, <c>write</c> or <c>admin</c>; each includes the ones before it.</summary>
    public string Scope { get; set; } = "admin";
}
