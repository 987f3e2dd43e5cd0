using System.Net;
using Microsoft.Extensions.Options;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Derivation;

/// <summary>
/// <c>Pictor:EagerPresets</c> at startup: a list that names what cannot be made refuses to start, and a SIGKILL
/// before a variant was made loses nothing. Validation needs no backend; the
/// kill needs a real process (<see cref="PictorProcess"/>), run on SQLite + files and on PostgreSQL + S3.
/// </summary>
public sealed class EagerPresetStartupTests
{
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_kill_9_before_the_eager_variant_was_made_loses_nothing_it_is_made_on_request(bool postgresS3)
    {
        using var data = new TempFolder("pictor-eager-kill");
        var eager = new Dictionary<string, string>
        {
            ["Pictor:Presets:big"] = "w_1400,h_1050",
            ["Pictor:EagerPresets:0"] = "big:avif", // seconds of AVIF encoding from a 12 MP photo: killed long before it is done
        };
        var stores = postgresS3 ? await ClusterStores.CreateAsync(DatabaseBackend.Postgres) : null;
        var settings = stores?.InstanceSettings(data.Path, eager)
            ?? new Dictionary<string, string>(eager) { ["Pictor:DataDirectory"] = data.Path, ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey };
        const string id = "eager-kill";
        await using (var first = await PictorProcess.StartAsync(settings))
        {
            await first.Client().UploadOkAsync(id, Corpus.Bytes("bench/harvesters-4032x3024.jpg"));
            first.Kill();
        }

        await using var second = await PictorProcess.StartAsync(settings);
        var client = second.Client();
        Assert.Empty(await EagerPresetTests<PictorFactory>.DerivedAsync(client, id)); // the kill came first: the variant was never stored
        var response = await client.GetAsync($"/derived/{id}/t_big.avif");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1400, 1050), Pixels.Size(await response.Content.ReadAsByteArrayAsync()));
        Assert.Single(await EagerPresetTests<PictorFactory>.DerivedAsync(client, id));
        stores?.ClearPool();
    }
}
