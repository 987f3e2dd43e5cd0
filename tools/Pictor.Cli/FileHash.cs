using System.Security.Cryptography;

namespace Pictor.Cli;

public static class FileHash
{
    /// <summary>Lower-case hex SHA-256 of a file, as the service's metadata gives it.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
