using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Webhooks;

/// <summary>
/// Webhooks through the real HTTP surface (SQLite + files): every change is told to a receiver in the test, signed,
/// retried after failed attempts and acknowledged exactly once, with the paths a CDN must purge.
/// </summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");
    private static readonly byte[] Png = Corpus.Bytes("wuffs/hat.png");
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync(failFirst: 2);

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private static HttpContent Patch(string json) => new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/merge-patch+json"));

    [Fact]
    public async Task Every_change_is_delivered_once_signed_after_two_failed_attempts_with_the_paths_to_purge()
    {
        var settings = WebhookSettings.For(_receiver, ("/all", []), ("/deletes", ["original.deleted"]));
        using var factory = new PictorFactory(settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        var client = factory.Client();
        const string id = "hooked";

        await client.UploadOkAsync(id, Jpeg);                                                     // original.created
        await client.GetByteArrayAsync($"/derived/{id}-40x30.jpg");
        Assert.Equal(HttpStatusCode.OK, (await client.PutRawAsync(id, Png)).StatusCode);           // original.replaced
        await client.GetByteArrayAsync($"/derived/{id}-30x30.jpg");                                // follows the focal point
        await client.GetByteArrayAsync($"/derived/{id}/w_50,c_fit.webp");                          // does not
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"/original/{id}",
            Patch("""{"focus": {"x": 0.2, "y": 0.3}, "tags": ["a"]}"""))).StatusCode);           // original.updated
        await client.GetByteArrayAsync($"/derived/{id}-20x20.png");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/original/{id}/derived")).StatusCode); // derived.purged
        await client.GetByteArrayAsync($"/derived/{id}-20x20.png");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/original/{id}")).StatusCode);          // original.deleted

        await _receiver.WaitUntilAsync(r => r.Acknowledged.Count == 6, TimeSpan.FromSeconds(90), "six acknowledged events");
        await WaitForEmptyOutboxAsync(client);

        Assert.Equal(["derived.purged", "original.created", "original.deleted", "original.replaced", "original.updated"],
            WebhookSettings.AcknowledgedOnce(_receiver, "/all").Order(StringComparer.Ordinal));
        Assert.Equal(["original.deleted"], WebhookSettings.AcknowledgedOnce(_receiver, "/deletes"));

        // Each event: two refused attempts and the acknowledged one, every one of them signed with the secret.
        Assert.All(_receiver.Deliveries, d => Assert.True(d.SignatureValid, $"{d.Type} to {d.Path}: bad Pictor-Signature"));
        Assert.All(_receiver.Deliveries.GroupBy(d => (d.Path, d.EventId)), g => Assert.Equal([503, 503, 200], g.Select(d => d.Status)));
        Assert.Equal(12, await client.CounterAsync("pictor_webhooks_failed_total"));
        Assert.Equal(6, await client.CounterAsync("pictor_webhooks_delivered_total"));

        var bodies = _receiver.Acknowledged.Where(d => d.Path == "/all").ToDictionary(d => d.Type, d => d.Body);
        Assert.All(bodies.Values, b => Assert.Equal(id, b.GetProperty("original").GetString()));
        Assert.Equal([], Purged(bodies["original.created"]));
        Assert.Equal([$"/original/{id}", $"/derived/{id}-40x30.jpg"], Purged(bodies["original.replaced"]));
        Assert.Equal([$"/derived/{id}-30x30.jpg"], Purged(bodies["original.updated"])); // not the fit, which ignores the focus
        Assert.Equal([$"/derived/{id}-20x20.png", $"/derived/{id}/w_50.webp"], Purged(bodies["derived.purged"])); // canonical names
        Assert.Equal([$"/original/{id}", $"/derived/{id}-20x20.png"], Purged(bodies["original.deleted"]));
    }

    [Fact]
    public void A_webhook_without_a_usable_url_secret_or_event_names_refuses_to_start()
    {
        using var factory = new PictorFactory(new Dictionary<string, string?>
        {
            ["Pictor:Webhooks:0:Url"] = "ftp://127.0.0.1/hook",
            ["Pictor:Webhooks:0:Events:0"] = "original.exploded",
        });
        var error = Assert.Throws<OptionsValidationException>(() => factory.Services);
        Assert.Contains("Pictor:Webhooks:0:Url", error.Message);
        Assert.Contains("Pictor:Webhooks:0:Secret", error.Message);
        Assert.Contains("'original.exploded'", error.Message);
    }

    private static List<string> Purged(JsonElement body) => body.GetProperty("purge").EnumerateArray().Select(p => p.GetString()!).ToList();

    private static async Task WaitForEmptyOutboxAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await client.CounterAsync("pictor_webhooks_pending") != 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the outbox did not empty");
            await Task.Delay(100);
        }
    }
}
