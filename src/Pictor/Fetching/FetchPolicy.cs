using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Problems;

namespace Pictor.Fetching;

/// <summary>
/// Which URLs upload by URL may fetch (<c>Pictor:Fetch:AllowedHosts</c>): http or https to a listed host (and port),
/// or any host with <c>*</c>. Whether the address it resolves to may be reached is decided when connecting
/// (<see cref="UrlFetcher"/>): internal addresses only for hosts listed by name.
/// </summary>
public sealed class FetchPolicy(IOptions<FetchOptions> options)
{
    private readonly (string Host, int? Port)[] _listed = options.Value.AllowedHosts
        .Where(h => !string.IsNullOrWhiteSpace(h)).Select(Parse).ToArray();

    public bool Enabled => _listed.Length > 0;

    /// <summary>400 <c>url-not-allowed</c> unless the URL may be fetched.</summary>
    public void Check(Uri url)
    {
        if (!Enabled)
            throw NotAllowed("Upload by URL is off: Pictor:Fetch:AllowedHosts lists no hosts.");
        if (url.Scheme is not ("http" or "https"))
            throw NotAllowed($"Only http and https URLs are fetched; got '{url.Scheme}'.");
        if (!string.IsNullOrEmpty(url.UserInfo))
            throw NotAllowed("A URL with credentials (user:password@) is not fetched.");
        if (!_listed.Any(l => l.Host == "*") && !IsListed(url.IdnHost, url.Port))
            throw NotAllowed($"The host '{url.Authority}' is not in Pictor:Fetch:AllowedHosts.");
    }

    /// <summary>Listed by name (not only through <c>*</c>): it may be on an internal address.</summary>
    public bool IsListed(string host, int port) =>
        _listed.Any(l => l.Host != "*" && string.Equals(l.Host, Normalise(host), StringComparison.OrdinalIgnoreCase) && (l.Port is null || l.Port == port));

    public static ProblemException NotAllowed(string detail) => ProblemException.BadRequest("url-not-allowed", detail);

    private static (string Host, int? Port) Parse(string entry)
    {
        entry = entry.Trim();
        if (entry == "*") return ("*", null);
        // host, host:port, [v6], [v6]:port
        var colon = entry.LastIndexOf(':');
        var bracketEnd = entry.LastIndexOf(']');
        if ((colon > 0 && bracketEnd < 0 && entry.IndexOf(':') == colon) || (bracketEnd > 0 && colon > bracketEnd))
            if (int.TryParse(entry[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port))
                return (Normalise(entry[..colon]), port);
        return (Normalise(entry), null);
    }

    private static string Normalise(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.');
}
