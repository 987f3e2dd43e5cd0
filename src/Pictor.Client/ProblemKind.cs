namespace Pictor.Client;

/// <summary>What kind of refusal a <see cref="PictorProblemException"/> is, from its HTTP status.</summary>
public enum ProblemKind
{
    /// <summary>A status without a kind of its own (see <see cref="PictorProblemException.Status"/>).</summary>
    Other,
    /// <summary>400: the request is malformed (bad ID, not an image, bad option or filter).</summary>
    BadRequest,
    /// <summary>401: missing or wrong API key.</summary>
    Unauthorized,
    /// <summary>403: the key may not do this, or the derived size or URL is not allowed (or its signature is invalid).</summary>
    Forbidden,
    /// <summary>404: no such original, preset or derived name.</summary>
    NotFound,
    /// <summary>409: the ID already exists (POST), or a concurrent change conflicted.</summary>
    Conflict,
    /// <summary>413: the upload is over <c>Pictor:Limits:MaxUploadBytes</c>.</summary>
    TooLarge,
    /// <summary>415: the body's media type is not accepted.</summary>
    UnsupportedMediaType,
    /// <summary>422: the image is over the pixel or frame limits.</summary>
    Unprocessable,
    /// <summary>429: too many requests (or too many failed authentications); see <see cref="PictorProblemException.RetryAfter"/>.</summary>
    TooManyRequests,
    /// <summary>500: a fault of the service, logged under <see cref="PictorProblemException.RequestId"/>.</summary>
    ServerError,
    /// <summary>503: a dependency (database, object store) is down; see <see cref="PictorProblemException.RetryAfter"/>.</summary>
    Unavailable,
    /// <summary>507: the service's storage is full.</summary>
    InsufficientStorage,
}
