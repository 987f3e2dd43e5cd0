using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Pictor.Problems;
using Pictor.Storage;

namespace Pictor.Api;

/// <summary>
/// Serves stored bytes with validators. Conditional requests are answered from the record alone, so a
/// 304 never touches the blob store; nor does a response whose bytes the request has just made
/// (<paramref name="content"/>, the same bytes as the stored blob). A GET with a single byte range gets 206
/// (<see cref="ByteRange"/>); several ranges get the whole body, 200. Bytes that went from the store after the
/// lookup (a concurrent delete, replace, purge or eviction) answer 404, unless <paramref name="lookAgain"/> gives
/// the answer of a new lookup (a derived image, which is made again while its original exists). So do bytes whose
/// length is not <paramref name="storedLength"/> (a derived image's, cut short by a power cut: they are not fsynced).
/// </summary>
public sealed class StoredImageResult(
    string storageKey, string contentType, string sha256, DateTime lastModified, string cacheControl, byte[]? content = null,
    Func<CancellationToken, Task<StoredImageResult>>? lookAgain = null, long? storedLength = null) : IResult
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
        response.Headers.AcceptRanges = "bytes";

        if (IsNotModified(context.Request, etag, modified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var requested = ByteRange.Requested(context.Request, etag, modified);
        if (content is not null)
        {
            if (await StartAsync(context, requested, content.Length) is not { } range) return;
            if (!HttpMethods.IsHead(context.Request.Method)) await response.Body.WriteAsync(content.AsMemory((int)range.From, (int)range.Length), context.RequestAborted);
            return;
        }

        var blob = await context.RequestServices.GetRequiredService<IBlobStore>().OpenReadAsync(storageKey, context.RequestAborted);
        if (blob is not null && storedLength is { } expected && blob.Length != expected)
        {
            await blob.Stream.DisposeAsync();
            blob = null;
        }
        if (blob is null)
        {
            if (lookAgain is null) throw ProblemException.NotFound("The image was deleted while this request was served.");
            await (await lookAgain(context.RequestAborted)).ExecuteAsync(context); // sets every header again, for what it finds now
            return;
        }
        await using var stream = blob.Stream;
        if (await StartAsync(context, requested, blob.Length) is not { } slice) return;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        if (stream is FileStream file) await SendFileAsync(file, response.BodyWriter, slice.From, slice.Length, context.RequestAborted);
        else await CopySliceAsync(stream, response.Body, slice, blob.Length, context.RequestAborted);
    }

    /// <summary>Sets the status and length for the whole body or the range; null after answering 416.</summary>
    private async Task<ByteRange?> StartAsync(HttpContext context, RangeItemHeaderValue? requested, long length)
    {
        var response = context.Response;
        if (requested is null)
        {
            response.ContentType = contentType;
            response.ContentLength = length;
            return new ByteRange(0, length);
        }
        if (ByteRange.Resolve(requested, length) is not { } range)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = $"bytes */{length}";
            response.Headers.CacheControl = "no-store"; // the image's own max-age is not this answer's
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status416RangeNotSatisfiable,
                    Type = ProblemExceptionHandler.TypeBase + "range-not-satisfiable",
                    Title = "Range not satisfiable",
                    Detail = $"The range '{context.Request.Headers.Range}' starts beyond the end of the {length} bytes.",
                },
            });
            return null;
        }
        response.StatusCode = StatusCodes.Status206PartialContent;
        response.ContentType = contentType;
        response.Headers.ContentRange = $"bytes {range.From}-{range.From + range.Length - 1}/{length}";
        response.ContentLength = range.Length;
        return range;
    }

    /// <summary>
    /// A local file is read synchronously (a page-cache hit takes microseconds) straight into the
    /// response's buffers, in chunks of up to 256 KiB: FileStream's async reads hop to the thread pool
    /// for every chunk and copy through a buffer of their own.
    /// </summary>
    private static async Task SendFileAsync(FileStream file, System.IO.Pipelines.PipeWriter writer, long from, long length, CancellationToken cancellationToken)
    {
        const int Chunk = 256 * 1024;
        long sent = 0;
        while (sent < length)
        {
            var memory = writer.GetMemory((int)Math.Min(Chunk, length - sent));
            var read = RandomAccess.Read(file.SafeFileHandle, memory.Span[..(int)Math.Min(memory.Length, length - sent)], from + sent);
            if (read == 0) break; // shorter than it said: Kestrel aborts the response for the missing bytes
            writer.Advance(read);
            sent += read;
            var flushed = await writer.FlushAsync(cancellationToken);
            if (flushed.IsCompleted || flushed.IsCanceled) break;
        }
    }

    /// <summary>A stream of the store (S3): the bytes before the range are read and dropped.</summary>
    private static async Task CopySliceAsync(Stream source, Stream destination, ByteRange slice, long total, CancellationToken cancellationToken)
    {
        if (slice.From == 0 && slice.Length == total) // a whole body: the plain copy
        {
            await source.CopyToAsync(destination, 1 << 16, cancellationToken);
            return;
        }
        var buffer = new byte[1 << 16];
        for (var skip = slice.From; skip > 0;)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, skip)), cancellationToken);
            if (read == 0) return;
            skip -= read;
        }
        for (var left = slice.Length; left > 0;)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
            if (read == 0) return;
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            left -= read;
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
