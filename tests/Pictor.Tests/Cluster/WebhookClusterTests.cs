using Pictor.Tests.Infrastructure;
using Pictor.Tests.Webhooks;
using Xunit.Abstractions;

namespace Pictor.Tests.Cluster;

/// <summary>
/// Two instances on one PostgreSQL database deliver one outbox: each event is attempted by one instance at a time
/// (a lease per message), so after one refused attempt each the receiver sees exactly two POSTs per event.
/// </summary>
public sealed class WebhookClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync(failFirst: 1);

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Two_instances_on_one_postgresql_deliver_each_event_once()
    {
        await using var cluster = await PictorCluster.StartAsync(2, WebhookSettings.For(_receiver, ("/cluster", [])), DatabaseBackend.Postgres);
        var clients = cluster.Instances.Select(i => i.Client()).ToList();
        var jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");
        const int count = 12;
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => clients[i % 2].UploadOkAsync($"cl-{i}", jpeg)));

        await _receiver.WaitUntilAsync(r => r.Acknowledged.Count >= count, TimeSpan.FromSeconds(90), $"{count} acknowledged events");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await clients[0].CounterAsync("pictor_webhooks_pending") != 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the outbox did not empty");
            await Task.Delay(100);
        }

        Assert.Equal(Enumerable.Repeat("original.created", count), WebhookSettings.AcknowledgedOnce(_receiver, "/cluster"));
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"cl-{i}").Order(StringComparer.Ordinal),
            _receiver.Acknowledged.Select(d => d.Body.GetProperty("original").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(_receiver.Deliveries.GroupBy(d => d.EventId), g => Assert.Equal([503, 200], g.Select(d => d.Status)));
        Assert.All(_receiver.Deliveries, d => Assert.True(d.SignatureValid));
        var delivered = new List<long>();
        foreach (var client in clients) delivered.Add(await client.CounterAsync("pictor_webhooks_delivered_total"));
        Assert.Equal(count, delivered.Sum());
        output.WriteLine($"{count} events, {_receiver.Deliveries.Count} POSTs; delivered by instance: {string.Join(", ", delivered)}");
    }
}
