namespace Pictor.Storage;

/// <summary>
/// The object store could not be reached or kept failing (5xx, resets, timeouts) after the client's bounded
/// retries: a fault of the dependency, not of the request (answered 503 with Retry-After).
/// </summary>
public sealed class ObjectStoreUnavailableException(string operation, string key, Exception inner)
    : Exception($"The object store failed {operation} of {key}: {inner.Message}", inner);
