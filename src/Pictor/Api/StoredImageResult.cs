using Microsoft.Net.Http.Headers;
using Pictor.Problems;
using Pictor.Storage;

namespace Pictor.Api;

/// <summary>
/// Serves stored bytes with validators. Conditional requests are answered from the record alone, so a
/// 304 never touches the blob store; nor does a response whose bytes the request has just made
/// (<paramref name="content"/>, the same bytes as the stored blob).
/// </summary>
public sealed class StoredImageResult(string storageKey, string contentType, string sha256, DateTime lastModified, string cacheControl, byte[]? content = null) : IResult
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

        response.ContentType = contentType;
        if (content is not null)
        {
            response.ContentLength = content.Length;
            if (!HttpMethods.IsHead(context.Request.Method)) await response.Body.WriteAsync(content, context.RequestAborted);
            return;
        }

        var blob = await context.RequestServices.GetRequiredService<IBlobStore>().OpenReadAsync(storageKey, context.RequestAborted)
            ?? throw ProblemException.NotFound("The image was deleted while this request was served.");
        await using var stream = blob.Stream;
        response.ContentLength = blob.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        if (stream is FileStream file) await SendFileAsync(file, response.BodyWriter, blob.Length, context.RequestAborted);
        else await stream.CopyToAsync(response.Body, 1 << 16, context.RequestAborted);
    }

    /// <summary>
    /// A local file is read synchronously (a page-cache hit takes microseconds) straight into the
    /// response's buffers, in chunks of up to 256 KiB: FileStream's async reads hop to the thread pool
    /// for every chunk and copy through a buffer of their own.
    /// </summary>
    private static async Task SendFileAsync(FileStream file, System.IO.Pipelines.PipeWriter writer, long length, CancellationToken cancellationToken)
    {
        const int Chunk = 256 * 1024;
        long offset = 0;
        while (offset < length)
        {
            var memory = writer.GetMemory((int)Math.Min(Chunk, length - offset));
            var read = RandomAccess.Read(file.SafeFileHandle, memory.Span[..(int)Math.Min(memory.Length, length - offset)], offset);
            if (read == 0) break; // shorter than it said: Kestrel aborts the response for the missing bytes
            writer.Advance(read);
            offset += read;
            var flushed = await writer.FlushAsync(cancellationToken);
            if (flushed.IsCompleted || flushed.IsCanceled) break;
        }
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
