using Microsoft.Extensions.Options;
using Pictor.Webhooks;

namespace Pictor.Configuration;

/// <summary>Refuses to start with a webhook that could not be delivered or verified, naming its key.</summary>
public sealed class WebhooksValidator : IValidateOptions<List<WebhookOptions>>
{
    public ValidateOptionsResult Validate(string? name, List<WebhookOptions> webhooks)
    {
        List<string> failures = [];
        for (var i = 0; i < webhooks.Count; i++)
        {
            var hook = webhooks[i];
            var key = $"{WebhookOptions.Section}:{i}";
            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                failures.Add($"{key}:Url must be an absolute http(s) URL; got '{hook.Url}'.");
            if (string.IsNullOrEmpty(hook.Secret))
                failures.Add($"{key}:Secret is required: receivers verify the Pictor-Signature header with it.");
            foreach (var type in hook.Events.Where(e => !WebhookEvents.All.Contains(e, StringComparer.Ordinal)))
                failures.Add($"{key}:Events: '{type}' is not an event; expected {string.Join(", ", WebhookEvents.All)}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
