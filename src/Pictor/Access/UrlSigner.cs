using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Problems;

namespace Pictor.Access;

/// <summary>
/// Signed derived URLs: <c>?s=SIG[&amp;exp=UNIX_SECONDS]</c>, SIG the unpadded base64url HMAC-SHA256 of the
/// path plus <c>?exp=…</c> when present, under any key of <c>Pictor:Signing:Keys</c>.
/// </summary>
public sealed class UrlSigner(IOptions<SigningOptions> options, TimeProvider clock)
{
    private readonly byte[][] _keys = options.Value.Keys.Where(k => !string.IsNullOrEmpty(k)).Select(Encoding.UTF8.GetBytes).ToArray();

    public bool Required => options.Value.Required;

    /// <summary>The signature of <paramref name="path"/> (expiring at <paramref name="expires"/>, Unix seconds) under <paramref name="key"/>.</summary>
    public static string Sign(string key, string path, long? expires = null) =>
        Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(Message(path, expires))));

    /// <summary>Checks the signature a request carries (<c>s</c>, <c>exp</c>) against its path; given twice, either is 403.</summary>
    public SignatureCheck Check(HttpRequest request) =>
        Check(request.PathBase.Add(request.Path).Value ?? "", Single(request.Query, "s"), Single(request.Query, "exp"));

    private static string? Single(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var values) ? values.Count == 1 ? values[0] : throw ProblemException.Forbidden("invalid-signature", $"'{key}' is given more than once.") : null;

    /// <summary>Checks a signature; null when the request carries none. Every key is tried, each in constant time.</summary>
    public SignatureCheck Check(string path, string? signature, string? expires)
    {
        if (signature is null && expires is null) return SignatureCheck.Absent;
        if (signature is null) return SignatureCheck.Invalid("exp is given without s.");
        long? expiry = null;
        if (expires is not null)
        {
            if (!long.TryParse(expires, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
                return SignatureCheck.Invalid($"exp '{(expires.Length > 20 ? expires[..20] + "…" : expires)}' is not a Unix time in seconds.");
            expiry = seconds;
        }
        if (_keys.Length == 0) return SignatureCheck.Invalid("this service has no signing keys (Pictor:Signing:Keys).");

        var given = Encoding.ASCII.GetBytes(signature);
        var message = Encoding.UTF8.GetBytes(Message(path, expiry));
        var valid = false;
        foreach (var key in _keys)
        {
            var expected = Encoding.ASCII.GetBytes(Base64Url(HMACSHA256.HashData(key, message)));
            valid |= CryptographicOperations.FixedTimeEquals(expected, given);
        }
        if (!valid) return SignatureCheck.Invalid("the signature does not match the URL under any signing key.");
        if (expiry is { } e && clock.GetUtcNow().ToUnixTimeSeconds() >= e)
            return SignatureCheck.Invalid($"the signature expired at {DateTimeOffset.FromUnixTimeSeconds(e):u}.");
        return SignatureCheck.Valid;
    }

    private static string Message(string path, long? expires) =>
        expires is { } e ? $"{path}?exp={e.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : path;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
