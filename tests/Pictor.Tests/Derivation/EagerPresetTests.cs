using System.Net;
using System.Text.Json;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Derivation;

/// <summary>
/// <c>Pictor:EagerPresets</c>: the listed presets are made after an upload or replace, without a request for them.
/// Run on each backend (Backends.cs); what needs a process of its own is in <see cref="EagerPresetStartupTests"/>.
/// </summary>
public abstract class EagerPresetTests<TBackend>(TBackend backend) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");
    private static readonly byte[] Png = Corpus.Bytes("wuffs/hat.png");

    internal static async Task<JsonElement[]> DerivedAsync(HttpClient client, string id) =>
        (await (await client.GetAsync($"/original/{id}/metadata")).JsonAsync()).GetProperty("derived").EnumerateArray().ToArray();

    /// <summary>Polls the metadata until it lists <paramref name="count"/> derived images made after <paramref name="after"/>.</summary>
    private static async Task<JsonElement[]> WaitForDerivedAsync(HttpClient client, string id, int count, DateTime after)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var derived = (await DerivedAsync(client, id)).Where(d => d.GetProperty("created").GetDateTime() >= after).ToArray();
            if (derived.Length >= count) return derived;
            Assert.True(DateTime.UtcNow < deadline, $"{derived.Length} of {count} eager variants of {id} after 60 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Eager_variants_appear_after_upload_and_replace_without_a_request_and_are_then_served_from_storage()
    {
        await using var factory = await backend.NewAsync(new Dictionary<string, string?>
        {
            ["Pictor:Presets:thumb"] = "w_64,h_48",
            ["Pictor:EagerPresets:0"] = "thumb:webp,avif",
        });
        var client = factory.Client();
        const string id = "eager";

        var uploaded = await (await client.UploadOkAsync(id, Jpeg)).JsonAsync();
        Assert.Empty(uploaded.GetProperty("derived").EnumerateArray()); // answered before any was made
        var made = await WaitForDerivedAsync(client, id, 2, DateTime.MinValue);
        Assert.Equal(["avif", "webp"], made.Select(d => d.GetProperty("format").GetString()).Order(StringComparer.Ordinal));
        Assert.All(made, d => Assert.Equal((64, 48), (d.GetProperty("width").GetInt32(), d.GetProperty("height").GetInt32())));
        Assert.Equal(2, await client.GeneratedAsync());

        // A request for them finds them stored: nothing more is generated.
        var webp = await client.GetAsync($"/derived/{id}/t_thumb.webp");
        Assert.Equal(HttpStatusCode.OK, webp.StatusCode);
        Assert.Equal((64, 48), Pixels.Size(await webp.Content.ReadAsByteArrayAsync()));
        Assert.Equal(2, await client.GeneratedAsync());

        // A replace removes them and makes them again from the new original.
        var replacedAt = DateTime.UtcNow.AddSeconds(-1);
        Assert.Equal(HttpStatusCode.OK, (await client.PutRawAsync(id, Png)).StatusCode);
        await WaitForDerivedAsync(client, id, 2, replacedAt);
        Assert.Equal(4, await client.GeneratedAsync());
    }
}
