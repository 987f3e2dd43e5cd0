using System.Security.Cryptography;

namespace Pictor.Storage;

public static class FileHash
{
    /// <summary>
    /// Reads synchronously: the file is local and mostly in the page cache, and an asynchronous FileStream
    /// hands every 64 KB read to another thread-pool thread (a profile of uploads showed more CPU in those
    /// hand-offs than in the hashing).
    /// </summary>
    public static Task<(string Sha256, long Bytes)> Sha256Async(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var hash = SHA256.HashData(stream);
        return Task.FromResult((Convert.ToHexStringLower(hash), stream.Length));
    }
}
