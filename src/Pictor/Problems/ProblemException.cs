namespace Pictor.Problems;

/// <summary>
/// A failure that carries its HTTP meaning. Thrown anywhere a request can be refused;
/// <see cref="ProblemExceptionHandler"/> is the one place that turns it into an RFC 9457 response.
/// </summary>
public sealed class ProblemException(int status, string type, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    /// <summary>A short slug; the response's <c>type</c> is <c>https://pictor.dev/problems/{Type}</c>.</summary>
    public string Type { get; } = type;

    public string Title { get; } = title;

    public string Detail { get; } = detail;

    /// <summary>Seconds, for 503 responses.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static ProblemException BadRequest(string type, string detail) => new(400, type, "Bad request", detail);
    public static ProblemException NotFound(string detail) => new(404, "not-found", "Not found", detail);
    public static ProblemException Conflict(string detail) => new(409, "conflict", "Conflict", detail);
    public static ProblemException Forbidden(string type, string detail) => new(403, type, "Forbidden", detail);
    public static ProblemException TooLarge(string detail) => new(413, "upload-too-large", "Upload too large", detail);
    /// <summary>400, not 415: pymager answered 400 ("Unsupported Format"), and its clients map 400 to a bad upload.</summary>
    public static ProblemException UnsupportedFormat(string detail) => new(400, "unsupported-format", "Unsupported image format", detail);
    public static ProblemException CorruptImage(string detail) => new(400, "corrupt-image", "Corrupt image", detail);
    public static ProblemException OverLimits(string detail) => new(422, "image-over-limits", "Image over limits", detail);

    public static ProblemException Busy(string detail, int retryAfterSeconds = 1) =>
        new(503, "busy", "Service busy", detail) { RetryAfterSeconds = retryAfterSeconds };
}
