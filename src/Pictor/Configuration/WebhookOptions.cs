namespace Pictor.Configuration;

/// <summary>One receiver of events, <c>Pictor:Webhooks:N</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Pictor:Webhooks";

    /// <summary>Where events are POSTed (http or https).</summary>
    public string Url { get; set; } = "";

    /// <summary>The HMAC-SHA256 key of the <c>Pictor-Signature</c> header.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The event types it gets (<see cref="Webhooks.WebhookEvents"/>); empty means all of them.</summary>
    public List<string> Events { get; set; } = [];

    public bool Wants(string type) => Events.Count == 0 || Events.Contains(type, StringComparer.Ordinal);
}
