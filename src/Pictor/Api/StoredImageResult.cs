using Microsoft.Net.Http.Headers;
using Pictor.Problems;
using Pictor.Storage;

namespace Pictor.Api;

/// <summary>
/// Serves stored bytes with validators. Conditional requests are answered from the record alone, so a
/// 304 never touches the blob store.
/// </summary>
public sealed class StoredImageResult(string storageKey, string contentType, long length, string sha256, DateTime lastModified, string cacheControl) : IResult
{
    /// <summary>Nothing stored here may run as a page, whatever its bytes say.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

    public async Task ExecuteAsync(HttpContext context)
    {
        var etag = new EntityTagHeaderValue($"\"{sha256[..32]}\"");
        var modified = new DateTimeOffset(DateTime.SpecifyKind(lastModified, DateTimeKind.Utc)).AddTicks(-(lastModified.Ticks % TimeSpan.TicksPerSecond));
        var response = context.Response;
        var headers = response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = modified;
        response.Headers.CacheControl = cacheControl;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;

        if (IsNotModified(context.Request, etag, modified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var blob = await context.RequestServices.GetRequiredService<IBlobStore>().OpenReadAsync(storageKey, context.RequestAborted)
            ?? throw ProblemException.NotFound("The image was deleted while this request was served.");
        await using var stream = blob.Stream;
        response.ContentType = contentType;
        response.ContentLength = blob.Length == length ? length : blob.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await stream.CopyToAsync(response.Body, 1 << 16, context.RequestAborted);
    }

    private static bool IsNotModified(HttpRequest request, EntityTagHeaderValue etag, DateTimeOffset modified)
    {
        var headers = request.GetTypedHeaders();
        var ifNoneMatch = headers.IfNoneMatch;
        if (ifNoneMatch is { Count: > 0 })
            return ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));
        return headers.IfModifiedSince is { } since && modified <= since;
    }
}
