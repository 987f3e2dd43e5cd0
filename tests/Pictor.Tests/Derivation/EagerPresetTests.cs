using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Derivation;

/// <summary><c>Pictor:EagerPresets</c>: the listed presets are made after an upload or replace, without a request for them.</summary>
public sealed class EagerPresetTests
{
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");
    private static readonly byte[] Png = Corpus.Bytes("wuffs/hat.png");

    private static async Task<JsonElement[]> DerivedAsync(HttpClient client, string id) =>
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
        using var factory = new PictorFactory(new Dictionary<string, string?>
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

    [Theory]
    [InlineData("nosuch:webp", "no preset Pictor:Presets:nosuch")]
    [InlineData("thumb:bmp", "'bmp' is not a format")]
    [InlineData("thumb", "expected NAME:format")]
    public void An_eager_preset_that_could_not_be_made_refuses_to_start(string entry, string reason)
    {
        using var factory = new PictorFactory(new Dictionary<string, string?>
        {
            ["Pictor:Presets:thumb"] = "w_64,h_48",
            ["Pictor:EagerPresets:0"] = entry,
        });
        var error = Assert.Throws<OptionsValidationException>(() => factory.Services);
        Assert.Contains("Pictor:EagerPresets", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task A_kill_9_before_the_eager_variant_was_made_loses_nothing_it_is_made_on_request()
    {
        using var data = new TempFolder("pictor-eager-kill");
        var settings = new Dictionary<string, string>
        {
            ["Pictor:DataDirectory"] = data.Path,
            ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
            ["Pictor:Presets:big"] = "w_1400,h_1050",
            ["Pictor:EagerPresets:0"] = "big:avif", // seconds of AVIF encoding from a 12 MP photo: killed long before it is done
        };
        const string id = "eager-kill";
        await using (var first = await PictorProcess.StartAsync(settings))
        {
            await first.Client().UploadOkAsync(id, Corpus.Bytes("bench/harvesters-4032x3024.jpg"));
            first.Kill();
        }

        await using var second = await PictorProcess.StartAsync(settings);
        var client = second.Client();
        Assert.Empty(await DerivedAsync(client, id)); // the kill came first: the variant was never stored
        var response = await client.GetAsync($"/derived/{id}/t_big.avif");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1400, 1050), Pixels.Size(await response.Content.ReadAsByteArrayAsync()));
        Assert.Single(await DerivedAsync(client, id));
    }
}
