using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pictor.Configuration;

namespace Pictor.Api;

/// <summary>
/// The configured keys, kept only as SHA-256 hashes with their scopes: <c>Pictor:ApiKeys</c> (full access) and
/// <c>Pictor:Keys:{n}</c> (<c>Key</c> or <c>Sha256</c>, <c>Scope</c>). A request presents one as
/// <c>Authorization: Bearer KEY</c> or HTTP Basic with the key as password (any user name), or as user name with
/// an empty password. Every configured hash is compared, in constant time, whatever matches first.
/// </summary>
public sealed class ApiKeys
{
    private readonly (byte[] Hash, AccessScope Scope)[] _keys;

    public ApiKeys(IOptions<PictorOptions> pictor, IOptions<List<ScopedKeyOptions>> scoped)
    {
        _keys = pictor.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => (Hash(k), AccessScope.Admin))
            .Concat(scoped.Value.Select(k => (HashOf(k), ParseScope(k.Scope))))
            .ToArray();
    }

    public bool AnyConfigured => _keys.Length > 0;

    /// <summary>Null when the request carries no credentials at all.</summary>
    public static string? Presented(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) || header.Parameter is null) return null;
        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)) return header.Parameter;
        if (!header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)) return "";
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)); }
        catch (FormatException) { return ""; }
        var colon = decoded.IndexOf(':');
        if (colon < 0) return "";
        var (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
        return password.Length > 0 ? password : user;
    }

    /// <summary>The scope of the presented key, or null when it is not one of ours.</summary>
    public AccessScope? ScopeOf(string presented)
    {
        var hash = Hash(presented);
        AccessScope? found = null;
        foreach (var (key, scope) in _keys)
            if (CryptographicOperations.FixedTimeEquals(key, hash) && (found is null || scope > found)) found = scope;
        return found;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static byte[] HashOf(ScopedKeyOptions key)
    {
        if (!string.IsNullOrEmpty(key.Key)) return Hash(key.Key);
        try
        {
            var hash = Convert.FromHexString(key.Sha256 ?? "");
            if (hash.Length == 32) return hash;
        }
        catch (FormatException) { }
        throw new OptionsValidationException(ScopedKeyOptions.Section, typeof(ScopedKeyOptions),
            ["Each Pictor:Keys entry needs Key, or Sha256 as 64 hex digits (the SHA-256 of the key's UTF-8 bytes)."]);
    }

    private static AccessScope ParseScope(string scope) => scope.ToLowerInvariant() switch
    {
        "read" => AccessScope.Read,
        "write" => AccessScope.Write,
        "admin" => AccessScope.Admin,
        _ => throw new OptionsValidationException(ScopedKeyOptions.Section, typeof(ScopedKeyOptions),
            [$"Pictor:Keys Scope '{scope}' is not one of read, write, admin."]),
    };
}
