namespace Pictor.Problems;

/// <summary>
/// Every problem <c>type</c> the service answers with, as the API reference (<c>/openapi/v1.json</c>, docs/API.md)
/// describes them. The throw sites use <see cref="ProblemException"/> with these slugs; a new slug belongs here too
/// (tests/Pictor.Tests/Contract/OpenApiTests.cs checks that every slug thrown in src/ is listed).
/// </summary>
public static class ProblemTypes
{
    public static readonly ProblemType BadRequest = new(400, "bad-request", "Bad request",
        "The request is malformed at the HTTP level.", "Unexpected end of request content.");
    public static readonly ProblemType InvalidId = new(400, "invalid-id", "Bad request",
        "The ID does not match ^[A-Za-z0-9_-]{1,128}$.", "An ID is 1 to 128 of A-Z a-z 0-9 _ -; '.' is not allowed.");
    public static readonly ProblemType InvalidMultipart = new(400, "invalid-multipart", "Bad request",
        "The body is not multipart/form-data, or is malformed.", "Expected a multipart/form-data body with the image in the field 'file'; the Content-Type is 'image/jpeg'.");
    public static readonly ProblemType MissingFile = new(400, "missing-file", "Bad request",
        "The multipart body has no field named file.", "The multipart/form-data body has no field named 'file'.");
    public static readonly ProblemType UnsupportedFormat = new(400, "unsupported-format", "Unsupported image format",
        "The bytes are not an image in a supported format (JPEG, PNG, WebP, GIF, AVIF, TIFF); 400 as pymager.", "The data is not an image in a supported format (JPEG, PNG, WebP, GIF, AVIF, TIFF).");
    public static readonly ProblemType CorruptImage = new(400, "corrupt-image", "Corrupt image",
        "The image is truncated or corrupt.", "The jpeg pixels could not be decoded: VipsJpeg: Premature end of input file");
    public static readonly ProblemType UnknownExtension = new(400, "unknown-extension", "Bad request",
        "The derived image's extension is not a supported output format.", "The extension 'bmp' is not supported; expected one of jpg, jpeg, png, webp, gif, avif, tiff.");
    public static readonly ProblemType InvalidPaging = new(400, "invalid-paging", "Bad request",
        "limit is not a whole number from 1 to 1000.", "limit must be a whole number from 1 to 1000; got 'abc'.");
    public static readonly ProblemType InvalidJson = new(400, "invalid-json", "Bad request",
        "The PATCH body is not valid JSON.", "The body is not valid JSON: 'x' is an invalid start of a value.");
    public static readonly ProblemType InvalidPatch = new(400, "invalid-patch", "Bad request",
        "The PATCH body is not an object, or names a field PATCH does not change.", "'name' is not a field that PATCH changes; expected one of: focus.");
    public static readonly ProblemType InvalidFocus = new(400, "invalid-focus", "Bad request",
        "focus is neither null nor {\"x\", \"y\"} with fractions from 0 to 1.", "focus.x must be a number from 0 to 1 (a fraction of the upright image); got 1.5.");
    public static readonly ProblemType InvalidTags = new(400, "invalid-tags", "Bad request",
        "tags in a PATCH is not null or a list of names within the limits.", "tags[0] must be a string of 1 to 64 characters from A-Z a-z 0-9 _ - . :; got 3.");
    public static readonly ProblemType InvalidAttributes = new(400, "invalid-attributes", "Bad request",
        "attributes in a PATCH is not null or an object of names to strings (null removes one) within the limits.", "attributes key 'a b' is not 1 to 64 characters from A-Z a-z 0-9 _ - . :.");
    public static readonly ProblemType InvalidFilter = new(400, "invalid-filter", "Bad request",
        "A listing filter of GET /original (tag, prefix, after, …) is not valid or is given twice.", "tag: each tag is 1 to 64 characters from A-Z a-z 0-9 _ - . :; got 'a b'.");
    public static readonly ProblemType InvalidOption = new(400, "invalid-option", "Bad request",
        "A transformation option in /derived/{id}/{options}.{ext} is not known or its value is out of range.", "The option 'c_squash' is not valid; expected c_ followed by one of fill, fit, limit, pad, scale.");
    public static readonly ProblemType RepeatedOption = new(400, "repeated-option", "Bad request",
        "A transformation option key is given more than once.", "The option 'w_20' is given more than once ('w_20'); each key may appear once.");
    public static readonly ProblemType UrlNotAllowed = new(400, "url-not-allowed", "Bad request",
        "Upload by URL: off (Pictor:Fetch:AllowedHosts empty), not http(s), a host not listed, or (the URL or a redirect) on an internal address of a host not listed by name.",
        "'localhost' is on the internal address 127.0.0.1; only hosts listed by name in Pictor:Fetch:AllowedHosts may be.");
    public static readonly ProblemType Unauthorized = new(401, "unauthorized", "Unauthorized",
        "No valid API key; the response carries WWW-Authenticate: Basic and Bearer challenges.", "This needs an API key: send 'Authorization: Bearer <key>' or HTTP Basic with the key as password.");
    public static readonly ProblemType InsufficientScope = new(403, "insufficient-scope", "Forbidden",
        "The key is valid but its scope is below what the request needs.", "This key's scope is 'read'; this request needs 'write'.");
    public static readonly ProblemType InvalidSignature = new(403, "invalid-signature", "Forbidden",
        "The derived URL's ?s= signature does not match, has expired (?exp=), or s/exp is given twice.", "The URL's signature is not valid: the signature does not match the URL.");
    public static readonly ProblemType SignatureRequired = new(403, "signature-required", "Forbidden",
        "Pictor:Signing:Required is on and the URL is neither signed, a preset nor an allowed size.", "This URL needs a signature (Pictor:Signing:Required): add ?s=SIGNATURE, or ask for a preset or an allowed size.");
    public static readonly ProblemType PresetsOnly = new(403, "presets-only", "Forbidden",
        "Pictor:PresetsOnly is on and the URL asks for options rather than a preset, unsigned.", "Only presets may be asked for here (Pictor:PresetsOnly): /derived/{id}/t_NAME.{ext}, or sign the URL.");
    public static readonly ProblemType SizeNotAllowed = new(403, "size-not-allowed", "Forbidden",
        "The size is zero, has leading zeros, exceeds Pictor:Limits:MaxDimension or is not in Pictor:AllowedSizes.", "The width 9000 is larger than the largest allowed, 8192 (Pictor:Limits:MaxDimension).");
    public static readonly ProblemType NotFound = new(404, "not-found", "Not found",
        "No such original, or (derived) a name that does not decode as {id}-{width}x{height}.{ext}.", "There is no original with the ID 'alice'.");
    public static readonly ProblemType RequestTimeout = new(408, "request-timeout", "Request timeout",
        "The body arrived slower than Kestrel:Limits:MinRequestBodyDataRate.", "Reading the request body timed out due to data arriving too slowly.");
    public static readonly ProblemType Conflict = new(409, "conflict", "Conflict",
        "POST of an ID that exists, or a concurrent replacement of the same original.", "An original with the ID 'alice' already exists; DELETE it first, or PUT to replace it.");
    public static readonly ProblemType UploadTooLarge = new(413, "upload-too-large", "Upload too large",
        "The body exceeds Pictor:Limits:MaxUploadBytes (or 64 KiB for a PATCH).", "The upload is larger than 50,000,000 bytes (Pictor:Limits:MaxUploadBytes).");
    public static readonly ProblemType UnsupportedMediaType = new(415, "unsupported-media-type", "Unsupported media type",
        "The PATCH body is not application/merge-patch+json (or application/json).", "A PATCH body is JSON sent as 'application/merge-patch+json'; the Content-Type is 'text/plain'.");
    public static readonly ProblemType ImageOverLimits = new(422, "image-over-limits", "Image over limits",
        "width × height (× frames) exceeds Pictor:Limits:MaxPixels; read from the header, before decoding.", "The png is 65535×65535 = 4,294,836,225 pixels; the limit is 100,000,000 (Pictor:Limits:MaxPixels).");
    public static readonly ProblemType FetchFailed = new(422, "fetch-failed", "Fetch failed",
        "Upload by URL: the fetch failed (no connection, a non-2xx answer, too many redirects, over Pictor:Limits:MaxUploadBytes, over Pictor:Fetch:TimeoutSeconds).",
        "http://images.example.com/alice.jpg answered 404 Not Found.");
    public static readonly ProblemType UndecodableOriginal = new(422, "undecodable-original", "Undecodable original",
        "The stored original no longer decodes (marked for pictor check), or libvips cannot make this derived image of it; asking again will not help.", "The stored original 'alice' can no longer be decoded (The jpeg data could not be decoded: VipsJpeg: Premature end of input file); replace it with PUT /original/alice.");
    public static readonly ProblemType TooManyFailedAuthentications = new(429, "too-many-failed-authentications", "Too many failed authentications",
        "This address sent more than Pictor:Auth:FailuresPerMinute invalid keys; Retry-After says when to try again.", "This address sent too many invalid keys; try again after the Retry-After interval.");
    public static readonly ProblemType InternalError = new(500, "internal-error", "Internal server error",
        "A fault of the service itself, logged under the request ID.", "The service failed to handle this request; it has been logged under request ID 0HN8:00000001.");
    public static readonly ProblemType Busy = new(503, "busy", "Service busy",
        "Too many image operations queued (Pictor:Derivation:MaxQueue), or a generation elsewhere not ready in time; Retry-After.", "Too many image operations are queued (Pictor:Derivation:MaxQueue = 64); try again shortly.");
    public static readonly ProblemType DependencyUnavailable = new(503, "dependency-unavailable", "Service unavailable",
        "The database or object store is down or locked; nothing was kept; Retry-After.", "A service Pictor depends on (its database or object store) is unavailable or busy; nothing of this request was kept. Try again shortly.");
    public static readonly ProblemType InsufficientStorage = new(507, "insufficient-storage", "Insufficient storage",
        "No space left for the upload or derived image; nothing was kept; Retry-After.", "The service has no space left to store this; nothing of the request was kept. Try again later.");

    public static IReadOnlyList<ProblemType> All { get; } =
    [
        BadRequest, InvalidId, InvalidMultipart, MissingFile, UnsupportedFormat, CorruptImage, UnknownExtension, InvalidPaging,
        InvalidJson, InvalidPatch, InvalidFocus, InvalidTags, InvalidAttributes, InvalidFilter, InvalidOption, RepeatedOption, UrlNotAllowed,
        Unauthorized, InsufficientScope, InvalidSignature, SignatureRequired, PresetsOnly, SizeNotAllowed, NotFound, RequestTimeout,
        Conflict, UploadTooLarge, UnsupportedMediaType, ImageOverLimits, FetchFailed, UndecodableOriginal, TooManyFailedAuthentications, InternalError, Busy,
        DependencyUnavailable, InsufficientStorage,
    ];

    /// <summary>What any request reading the database may meet.</summary>
    public static ProblemType[] Reading { get; } = [DependencyUnavailable, InternalError];

    /// <summary>What any request storing bytes may meet.</summary>
    public static ProblemType[] Storing { get; } = [Busy, DependencyUnavailable, InsufficientStorage, InternalError];
}
