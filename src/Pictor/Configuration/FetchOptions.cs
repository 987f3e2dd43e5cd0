namespace Pictor.Configuration;

/// <summary><c>Pictor:Fetch</c>: upload by URL (<c>POST /original/{id}</c> with <c>{"url": …}</c>).</summary>
public sealed class FetchOptions
{
    public const string Section = "Pictor:Fetch";

    /// <summary>
    /// Hosts that may be fetched from: <c>host</c> (any port), <c>host:port</c> (that port only), <c>*</c> (any host, on a
    /// public address only). A host listed by name may be on any address, loopback and private ones included. Empty: off.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>How long one fetch may take, redirects and body included.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
