using System.IO.Pipelines;
using Microsoft.Extensions.Primitives;
using Pictor.Api;
using Pictor.Observability;

namespace Pictor.Caching;

/// <summary>
/// Answers GET and HEAD of a derived image in the hit cache before routing: no database, no file, no
/// allocation of its own. A plain request gets 200 and the bytes; If-None-Match with the one ETag gets 304.
/// Any other conditional request, and a Range, is answered from the same bytes by <see cref="StoredImageResult"/>.
/// A query string (a signature) always goes the whole way, as does everything the cache does not hold.
/// </summary>
public sealed class HitCacheMiddleware(RequestDelegate next, HitCache cache, PictorMetrics metrics)
{
    private const string DerivedPrefix = "/derived/";
    private static readonly StringValues NoSniff = new("nosniff");
    private static readonly StringValues Policy = new(StoredImageResult.ContentSecurityPolicy);
    private static readonly StringValues Bytes = new("bytes");

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.QueryString.HasValue || request.Path.Value is not { } path || !path.StartsWith(DerivedPrefix, StringComparison.Ordinal)
            || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !cache.TryGet(path, out var image))
            return next(context);
        metrics.DerivedServedFromMemory();

        var headers = request.Headers;
        if (headers.Range.Count > 0 || headers.IfModifiedSince.Count > 0 || headers.IfRange.Count > 0
            || (headers.IfNoneMatch.Count > 0 && !IsOurs(headers.IfNoneMatch, image.ETag)))
            return new StoredImageResult("", image.ContentType.ToString(), image.Sha256, image.LastModifiedAt, image.CacheControl.ToString(), image.Content)
                .ExecuteAsync(context);

        var response = context.Response;
        var answer = response.Headers;
        answer.ETag = image.ETag;
        answer.LastModified = image.LastModified;
        answer.CacheControl = image.CacheControl;
        answer.XContentTypeOptions = NoSniff;
        answer.ContentSecurityPolicy = Policy;
        answer.AcceptRanges = Bytes;
        if (headers.IfNoneMatch.Count > 0)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        answer.ContentType = image.ContentType;
        response.ContentLength = image.Content.Length;
        if (HttpMethods.IsHead(request.Method)) return Task.CompletedTask;
        var write = response.BodyWriter.WriteAsync(image.Content, context.RequestAborted);
        return write.IsCompletedSuccessfully ? Task.CompletedTask : AwaitAsync(write);
    }

    /// <summary>The one form a client sends back: exactly the ETag it was given.</summary>
    private static bool IsOurs(StringValues ifNoneMatch, StringValues etag) =>
        ifNoneMatch.Count == 1 && string.Equals(ifNoneMatch[0], etag[0], StringComparison.Ordinal);

    private static async Task AwaitAsync(ValueTask<FlushResult> write) => await write;
}
