using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pictor.Client;

/// <summary>
/// Pictor's URL signature: the unpadded base64url HMAC-SHA256, under a key of <c>Pictor:Signing:Keys</c>, of the
/// path plus <c>?exp=UNIX_SECONDS</c> when the URL expires. The service checks it byte for byte.
/// </summary>
public static class UrlSignature
{
    /// <summary>The signature of <paramref name="path"/> (as the service sees it, e.g. <c>/derived/alice/w_300.webp</c>).</summary>
    /// <param name="key">The signing key.</param>
    /// <param name="path">The URL path, without query.</param>
    /// <param name="expires">Unix seconds after which the service refuses the URL; null for no expiry.</param>
    public static string Sign(string key, string path, long? expires = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(path);
        var message = expires is { } e ? $"{path}?exp={e.ToString(CultureInfo.InvariantCulture)}" : path;
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(message));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The query string that signs <paramref name="path"/>: <c>?s=SIG</c> or <c>?s=SIG&amp;exp=N</c>.</summary>
    public static string Query(string key, string path, long? expires = null)
    {
        var query = "?s=" + Sign(key, path, expires);
        return expires is { } e ? query + "&exp=" + e.ToString(CultureInfo.InvariantCulture) : query;
    }
}
