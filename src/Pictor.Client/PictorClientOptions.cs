namespace Pictor.Client;

/// <summary>Where a <see cref="PictorClient"/> talks to, and with which credentials.</summary>
public sealed class PictorClientOptions
{
    /// <summary>The service's root, for example <c>http://localhost:5080/</c>. A path prefix (behind a proxy) is kept.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>An API key (<c>Pictor:ApiKeys</c>) sent as <c>Authorization: Bearer</c>; needed for writes.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A URL signing key (<c>Pictor:Signing:Keys</c>) that <see cref="PictorClient.Url"/> signs with by default.</summary>
    public string? SigningKey { get; set; }
}
