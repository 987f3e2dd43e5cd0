using System.Security.Cryptography;
using System.Text;

namespace Pictor.Import;

/// <summary>
/// Where pymager's NestedPathGenerator put an original (github.com/pymager/pymager,
/// <c>pymager/resources/impl/nestedpathgenerator.py</c>): <c>{data}/pictures/</c>, then the SHA-1 hex of
/// the ID without its last two characters cut into two-character folders, then <c>{sha1}.{ext}</c>, the
/// extension from PilImageFormatMapper (<c>pymager/resources/impl/pilimageformatmapper.py</c>): <c>jpg</c>
/// for JPEG, otherwise the format name in lower case. The hash is of the ID's bytes (Python 2 <c>str</c>;
/// UTF-8 for anything beyond ASCII).
/// </summary>
public static class PymagerPaths
{
    public static string Original(string dataDirectory, string id, string format)
    {
        var hash = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(id)));
        var folders = hash[..^2].Chunk(2).Select(pair => new string(pair));
        return Path.Combine([dataDirectory, "pictures", .. folders, $"{hash}.{Extension(format)}"]);
    }

    public static string Extension(string format) =>
        format.Equals("JPEG", StringComparison.OrdinalIgnoreCase) ? "jpg" : format.ToLowerInvariant();
}
