using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Problems;

namespace Pictor.Api;

/// <summary>
/// Guards writes: an API key from <c>Pictor:ApiKeys</c> as <c>Authorization: Bearer KEY</c>, or HTTP Basic with
/// the key as the password (any user name) or as the user name with an empty password.
/// </summary>
public sealed class WriteAccess : IEndpointFilter
{
    private readonly bool _open;
    private readonly byte[][] _keyHashes;

    public WriteAccess(IOptions<PictorOptions> options)
    {
        _open = options.Value.AllowAnonymousWrites;
        _keyHashes = options.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(Hash).ToArray();
    }

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_open) return next(context);
        if (_keyHashes.Length == 0)
            throw Unauthorized("Writes are disabled: no API key is configured (set Pictor:ApiKeys, or Pictor:AllowAnonymousWrites for development).");
        if (!AuthenticationHeaderValue.TryParse(context.HttpContext.Request.Headers.Authorization, out var header) || header.Parameter is null)
            throw Unauthorized("Writes need an API key: send 'Authorization: Bearer <key>' or HTTP Basic with the key as password.");
        if (!Candidates(header).Any(IsKey))
            throw Unauthorized("The API key is not valid.");
        return next(context);
    }

    private static IEnumerable<string> Candidates(AuthenticationHeaderValue header)
    {
        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            yield return header.Parameter!;
        }
        else if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)); }
            catch (FormatException) { yield break; }
            var colon = decoded.IndexOf(':');
            if (colon < 0) yield break;
            var (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
            yield return password.Length > 0 ? password : user;
        }
    }

    private bool IsKey(string candidate)
    {
        var hash = Hash(candidate);
        var match = false;
        foreach (var key in _keyHashes) match |= CryptographicOperations.FixedTimeEquals(key, hash);
        return match;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static ProblemException Unauthorized(string detail) => new(401, "unauthorized", "Unauthorized", detail);
}
