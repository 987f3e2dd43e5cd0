using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Webhooks;

/// <summary>
/// The outbox is durable: events written before the sending instance is killed (SIGKILL, no shutdown code) while the
/// receiver refused them are delivered by the restarted instance, each exactly once, with the backoff carried over.
/// </summary>
public sealed class WebhookCrashTests : IAsyncLifetime
{
    private readonly TempFolder _data = new("pictor-webhook-crash");
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Events_pending_at_a_kill_9_are_delivered_once_after_the_restart()
    {
        var settings = WebhookSettings.For(_receiver, ("/hook", []));
        settings["Pictor:DataDirectory"] = _data.Path;
        settings["Pictor:ApiKeys:0"] = PictorFactory.ApiKey;
        string[] ids = ["crash-a", "crash-b", "crash-c"];

        _receiver.Refusing = true;
        await using (var first = await PictorProcess.StartAsync(settings))
        {
            var client = first.Client();
            foreach (var id in ids) await client.UploadOkAsync(id, Corpus.Bytes("wuffs/hippopotamus.jpeg"));
            Assert.Equal(System.Net.HttpStatusCode.NoContent, (await client.DeleteAsync($"/original/{ids[0]}")).StatusCode);
            // Every event has been tried and refused at least once before the kill.
            await _receiver.WaitUntilAsync(r => r.Deliveries.Select(d => d.EventId).Distinct().Count() == 4, TimeSpan.FromSeconds(60), "a first attempt of each event");
            Assert.Equal(4, await client.CounterAsync("pictor_webhooks_pending"));
            first.Kill();
        }
        Assert.Empty(_receiver.Acknowledged);

        _receiver.Refusing = false;
        await using var second = await PictorProcess.StartAsync(settings);
        await _receiver.WaitUntilAsync(r => r.Acknowledged.Count >= 4, TimeSpan.FromSeconds(90), "the four events after the restart");
        var client2 = second.Client();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await client2.CounterAsync("pictor_webhooks_pending") != 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the outbox did not empty");
            await Task.Delay(100);
        }

        Assert.Equal(["original.created", "original.created", "original.created", "original.deleted"],
            WebhookSettings.AcknowledgedOnce(_receiver, "/hook").Order(StringComparer.Ordinal));
        Assert.Equal(ids.Order(StringComparer.Ordinal).Append(ids[0]).Order(StringComparer.Ordinal),
            _receiver.Acknowledged.Select(d => d.Body.GetProperty("original").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(_receiver.Deliveries, d => Assert.True(d.SignatureValid));
        Assert.Equal(0, await client2.CounterAsync("pictor_webhooks_failing"));
    }
}
