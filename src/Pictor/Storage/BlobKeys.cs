using System.Security.Cryptography;
using System.Text;
using Pictor.Images;

namespace Pictor.Storage;

/// <summary>
/// Storage keys. An ID is never part of a key: keys use the SHA-256 of the ID, sharded in two levels
/// (pymager's nested path generator), plus a random token per write so that a new write never
/// shares a key with an old one (replacement, re-upload after delete, or a generation taken over).
/// </summary>
public static class BlobKeys
{
    public const string OriginalsPrefix = "originals/";
    public const string DerivedPrefix = "derived/";
    public const string LevelsPrefix = "levels/";

    /// <summary>Every prefix a key starts with.</summary>
    public static readonly string[] Prefixes = [OriginalsPrefix, DerivedPrefix, LevelsPrefix];

    public static string Original(ImageId id, string generation) => $"{OriginalsPrefix}{Shard(id)}/{generation}";

    /// <summary>
    /// A level of the original stored under <paramref name="originalKey"/>: the same shard and generation
    /// under <c>levels/</c>, so it goes wherever the original's key goes. No extension: its format (JPEG, or
    /// PNG with alpha) is read from its bytes.
    /// </summary>
    public static string Level(string originalKey, int longSide) =>
        $"{LevelsPrefix}{originalKey[OriginalsPrefix.Length..]}-{longSide}";

    /// <summary>A plain fill is named by its size, as before option URLs; other variants by a hash of their canonical options.</summary>
    public static string Derived(DerivedSpec spec, string generation, string token)
    {
        var name = spec.Options.IsPlainFill
            ? $"{spec.Options.Width}x{spec.Options.Height}"
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(spec.Variant)))[..16];
        return $"{DerivedPrefix}{Shard(spec.Id)}/{generation}/{name}-{token}.{spec.Format.Extension()}";
    }

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Keys are lowercase hex, digits, '/', '-', 'x' and '.', never '..': safe as relative paths.</summary>
    public static bool IsWellFormed(string key) =>
        key.Length is > 0 and < 256
        && Prefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal))
        && !key.Contains("..", StringComparison.Ordinal)
        && key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '/' or '-' or '.');

    /// <summary>What every store does before touching a key.</summary>
    public static void EnsureWellFormed(string key)
    {
        if (!IsWellFormed(key)) throw new ArgumentException($"Malformed storage key '{key}'.", nameof(key));
    }

    private static string Shard(ImageId id)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(id.Value)));
        return $"{hash[..2]}/{hash[2..4]}/{hash}";
    }
}
