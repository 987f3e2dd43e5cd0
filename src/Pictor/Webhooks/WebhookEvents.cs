namespace Pictor.Webhooks;

/// <summary>The event types, as they appear in <c>Pictor:Webhooks:N:Events</c> and in each event's <c>type</c>.</summary>
public static class WebhookEvents
{
    public const string OriginalCreated = "original.created";
    public const string OriginalReplaced = "original.replaced";
    public const string OriginalDeleted = "original.deleted";
    public const string OriginalUpdated = "original.updated";
    public const string DerivedPurged = "derived.purged";

    public static readonly IReadOnlyList<string> All = [OriginalCreated, OriginalReplaced, OriginalDeleted, OriginalUpdated, DerivedPurged];
}
