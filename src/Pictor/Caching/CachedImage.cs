using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Pictor.Caching;

/// <summary>
/// A derived image held in memory with its response headers already formatted, so that serving it is
/// assigning strings and writing the bytes.
/// </summary>
public sealed class CachedImage
{
    public CachedImage(string originalId, byte[] content, string contentType, string sha256, DateTime lastModified, string cacheControl)
    {
        OriginalId = originalId;
        Content = content;
        Sha256 = sha256;
        LastModifiedAt = lastModified;
        ContentType = contentType;
        ETag = $"\"{sha256[..32]}\"";
        var modified = new DateTimeOffset(DateTime.SpecifyKind(lastModified, DateTimeKind.Utc)).AddTicks(-(lastModified.Ticks % TimeSpan.TicksPerSecond));
        LastModified = HeaderUtilities.FormatDate(modified);
        CacheControl = cacheControl;
    }

    public string OriginalId { get; }

    public byte[] Content { get; }

    public string Sha256 { get; }

    public DateTime LastModifiedAt { get; }

    public StringValues ContentType { get; }

    public StringValues ETag { get; }

    public StringValues LastModified { get; }

    public StringValues CacheControl { get; }

    /// <summary>Served since the last eviction sweep passed it (a second chance before it goes).</summary>
    public bool Referenced { get; set; } = true;
}
