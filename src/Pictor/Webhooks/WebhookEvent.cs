namespace Pictor.Webhooks;

/// <summary>
/// The JSON body of an event. <paramref name="Purge"/> lists the URL paths whose responses changed or went away
/// (the derived images removed, and the original's own path when its bytes were replaced or deleted): what a
/// CDN in front of Pictor must purge.
/// </summary>
/// <param name="Id">The event's own ID, the same in every delivery of it (receivers de-duplicate on it).</param>
/// <param name="Original">The original's ID.</param>
public sealed record WebhookEvent(string Id, string Type, DateTime Created, string Original, IReadOnlyList<string> Purge);
