using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Webhooks;

/// <summary>The settings an operator writes for webhooks to the test's <see cref="WebhookReceiver"/>.</summary>
public static class WebhookSettings
{
    /// <summary><c>Pictor:Webhooks:N</c> entries: a receiver path each, with the event types it wants (none: all).</summary>
    public static Dictionary<string, string> For(WebhookReceiver receiver, params (string Path, string[] Events)[] hooks)
    {
        var settings = new Dictionary<string, string>();
        for (var i = 0; i < hooks.Length; i++)
        {
            settings[$"Pictor:Webhooks:{i}:Url"] = receiver.BaseUrl + hooks[i].Path;
            settings[$"Pictor:Webhooks:{i}:Secret"] = WebhookReceiver.Secret;
            for (var e = 0; e < hooks[i].Events.Length; e++) settings[$"Pictor:Webhooks:{i}:Events:{e}"] = hooks[i].Events[e];
        }
        return settings;
    }

    /// <summary>Each event acknowledged exactly once on <paramref name="path"/>: their types, in the order they were acknowledged.</summary>
    public static List<string> AcknowledgedOnce(WebhookReceiver receiver, string path)
    {
        var acknowledged = receiver.Acknowledged.Where(d => d.Path == path).ToList();
        Assert.All(acknowledged.GroupBy(d => d.EventId), g => Assert.Single(g));
        return acknowledged.Select(d => d.Type).ToList();
    }
}
