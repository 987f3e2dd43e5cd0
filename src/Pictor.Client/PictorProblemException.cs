using System.Net;

namespace Pictor.Client;

/// <summary>
/// The service refused a request: the RFC 9457 problem it answered (<c>type</c>, <c>title</c>, <c>status</c>,
/// <c>detail</c>, <c>requestId</c>). <see cref="Kind"/> names the refusal; <see cref="Exception.Message"/> reads well on its own.
/// </summary>
public sealed class PictorProblemException : Exception
{
    /// <summary>A problem as answered by the service.</summary>
    public PictorProblemException(int status, string? type, string? title, string? detail, string? requestId, TimeSpan? retryAfter = null)
        : base(Describe(status, title, detail, requestId))
    {
        Status = status;
        Type = type;
        Title = title;
        Detail = detail;
        RequestId = requestId;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }

    /// <summary>What kind of refusal, from <see cref="Status"/>.</summary>
    public ProblemKind Kind => KindOf(Status);

    /// <summary>The problem type URI, for example <c>https://pictor.dev/problems/invalid-id</c>.</summary>
    public string? Type { get; }

    /// <summary>The short summary of the problem type.</summary>
    public string? Title { get; }

    /// <summary>What went wrong with this request, in a sentence.</summary>
    public string? Detail { get; }

    /// <summary>The request ID the service logged the request under (also its <c>X-Request-Id</c>).</summary>
    public string? RequestId { get; }

    /// <summary>The <c>Retry-After</c> of a 429 or 503, when given.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The kind of a status code.</summary>
    public static ProblemKind KindOf(int status) => (HttpStatusCode)status switch
    {
        HttpStatusCode.BadRequest => ProblemKind.BadRequest,
        HttpStatusCode.Unauthorized => ProblemKind.Unauthorized,
        HttpStatusCode.Forbidden => ProblemKind.Forbidden,
        HttpStatusCode.NotFound => ProblemKind.NotFound,
        HttpStatusCode.Conflict => ProblemKind.Conflict,
        HttpStatusCode.RequestEntityTooLarge => ProblemKind.TooLarge,
        HttpStatusCode.UnsupportedMediaType => ProblemKind.UnsupportedMediaType,
        HttpStatusCode.UnprocessableContent => ProblemKind.Unprocessable,
        HttpStatusCode.TooManyRequests => ProblemKind.TooManyRequests,
        HttpStatusCode.InternalServerError => ProblemKind.ServerError,
        HttpStatusCode.ServiceUnavailable => ProblemKind.Unavailable,
        HttpStatusCode.InsufficientStorage => ProblemKind.InsufficientStorage,
        _ => ProblemKind.Other,
    };

    private static string Describe(int status, string? title, string? detail, string? requestId)
    {
        var text = $"{status} {title ?? "Error"}";
        if (!string.IsNullOrWhiteSpace(detail)) text += $": {detail}";
        if (!string.IsNullOrWhiteSpace(requestId)) text += $" (request {requestId})";
        return text;
    }
}
