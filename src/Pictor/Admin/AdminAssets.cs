using System.Reflection;
using System.Security.Cryptography;

namespace Pictor.Admin;

/// <summary>
/// The admin UI's files (<c>Admin/Assets</c>, embedded in the assembly as <c>admin/NAME</c>): plain HTML, CSS and
/// ES modules, so nothing is built on the user's machine. Read once; each carries a strong ETag of its bytes.
/// </summary>
public sealed class AdminAssets
{
    private const string Prefix = "admin/";
    private readonly Dictionary<string, AdminAsset> _assets = new(StringComparer.Ordinal);

    public AdminAssets()
    {
        var assembly = typeof(AdminAssets).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var bytes = memory.ToArray();
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";
            _assets[name[Prefix.Length..]] = new AdminAsset(bytes, ContentTypeOf(name), etag);
        }
    }

    public IReadOnlyCollection<string> Names => _assets.Keys;

    public AdminAsset? Find(string name) => _assets.GetValueOrDefault(name);

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
