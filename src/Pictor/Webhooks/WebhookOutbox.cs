using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Images;
using Pictor.Metadata;
using Pictor.Storage;

namespace Pictor.Webhooks;

/// <summary>
/// Writes events into the outbox table within the caller's transaction, one row per receiver that wants the
/// event: the event exists exactly when the change it tells of was committed. <see cref="WebhookDispatcher"/>
/// delivers the rows.
/// </summary>
public sealed class WebhookOutbox(IOptions<List<WebhookOptions>> webhooks, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The paths of derived images of <paramref name="originalId"/> (canonical names), as requested from Pictor.</summary>
    public static IEnumerable<string> DerivedPaths(string originalId, IEnumerable<string> variants) =>
        variants.Order(StringComparer.Ordinal).Select(v => $"/derived/{DerivedSpec.Name(originalId, v)}");

    /// <summary>The original's own path (its bytes changed or went).</summary>
    public static string OriginalPath(string originalId) => $"/original/{originalId}";

    /// <summary>Adds the event for every receiver that wants it to <paramref name="db"/>; saved by the caller's SaveChanges, in its transaction.</summary>
    public void Add(PictorDbContext db, string type, string originalId, IEnumerable<string> purge)
    {
        var targets = webhooks.Value.Where(w => w.Wants(type)).Select(w => w.Url).Distinct(StringComparer.Ordinal).ToList();
        if (targets.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var body = JsonSerializer.Serialize(new WebhookEvent(BlobKeys.NewToken(), type, now, originalId, purge.ToList()), Json);
        db.Outbox.AddRange(targets.Select(url => new OutboxMessage { Target = url, Event = type, Body = body, CreatedAt = now, NextAttemptAt = now }));
    }

    /// <summary>After a commit that added events: the dispatcher looks now rather than at its next poll.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Waits for <see cref="Wake"/> or the poll interval, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan poll, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(poll);
        try
        {
            await _wake.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
