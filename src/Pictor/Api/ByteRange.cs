using Microsoft.Net.Http.Headers;

namespace Pictor.Api;

/// <summary>
/// A byte range of a stored body (RFC 9110 §14). Only a GET with exactly one <c>bytes</c> range is answered
/// partially, and only while <c>If-Range</c> (when sent) still holds: a strong ETag that matches, or a date equal
/// to <c>Last-Modified</c>. Anything else, including several ranges or a Range header that does not parse, gets
/// the whole body.
/// </summary>
public readonly record struct ByteRange(long From, long Length)
{
    /// <summary>The one range to honour, or null for the whole body. Parsing is ASP.NET Core's (<see cref="RangeHeaderValue"/>).</summary>
    public static RangeItemHeaderValue? Requested(HttpRequest request, EntityTagHeaderValue etag, DateTimeOffset modified)
    {
        if (!HttpMethods.IsGet(request.Method) || request.Headers.Range.Count == 0) return null;
        var headers = request.GetTypedHeaders();
        if (headers.Range is not { } range || !string.Equals(range.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || range.Ranges.Count != 1)
            return null;
        if (request.Headers.IfRange.Count > 0)
        {
            var ifRange = headers.IfRange;
            var holds = ifRange switch
            {
                { EntityTag: { } tag } => !tag.IsWeak && tag.Compare(etag, useStrongComparison: true),
                { LastModified: { } date } => date == modified,
                _ => false, // unparsable: the whole body, the safe answer
            };
            if (!holds) return null;
        }
        return range.Ranges.Single();
    }

    /// <summary>The bytes a range selects of a body of <paramref name="length"/> bytes; null when none (416).</summary>
    public static ByteRange? Resolve(RangeItemHeaderValue item, long length)
    {
        if (item.From is { } from)
        {
            if (from >= length) return null;
            var to = item.To is { } t && t < length - 1 ? t : length - 1;
            return new ByteRange(from, to - from + 1);
        }
        var suffix = item.To ?? 0;
        if (suffix <= 0 || length == 0) return null;
        var start = Math.Max(0, length - suffix);
        return new ByteRange(start, length - start);
    }
}
