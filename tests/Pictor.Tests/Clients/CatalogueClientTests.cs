using Pictor.Client;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Clients;

/// <summary>The catalogue through <see cref="PictorClient"/>: tags and attributes, listing filters, derived purge, stats.</summary>
public sealed class CatalogueClientTests(ClientServerFixture fixture) : IClassFixture<ClientServerFixture>
{
    private readonly PictorClient _client = fixture.Client();

    [Fact]
    public async Task Patch_sets_tags_and_merges_attributes()
    {
        var id = $"cat-{Guid.NewGuid():N}";
        await _client.UploadAsync(id, Corpus.Path("orientation/Landscape_2.jpg"));
        var tagged = await _client.PatchAsync(id, new OriginalPatch
        {
            Tags = ["holiday", "2026"],
            Attributes = new Dictionary<string, string?> { ["owner"] = "user-42", ["draft"] = "yes" },
        });
        Assert.Equal(["2026", "holiday"], tagged.Tags);
        Assert.Equal("user-42", tagged.Attributes["owner"]);

        var merged = await _client.PatchAsync(id, new OriginalPatch { Attributes = new Dictionary<string, string?> { ["draft"] = null } }
            .WithFocus(new FocalPoint(0.5, 0.1)));
        Assert.Equal(["2026", "holiday"], merged.Tags);
        Assert.Equal(new Dictionary<string, string> { ["owner"] = "user-42" }, merged.Attributes);
        Assert.Equal(new FocalPoint(0.5, 0.1), merged.Focus);

        var bad = await Assert.ThrowsAsync<PictorProblemException>(() => _client.PatchAsync(id, new OriginalPatch { Tags = ["no spaces allowed"] }));
        Assert.Equal(ProblemKind.BadRequest, bad.Kind);
        Assert.Contains("tags", bad.Detail);
    }

    [Fact]
    public async Task Metadata_carries_the_placeholder_and_dominant_colour()
    {
        var id = $"ph-{Guid.NewGuid():N}";
        var uploaded = await _client.UploadAsync(id, Corpus.Path("wuffs/hat.png"));
        Assert.InRange(Convert.FromBase64String(uploaded.Placeholder!).Length, 5, 40);
        Assert.Matches("^#[0-9a-f]{6}$", uploaded.DominantColor);
        var metadata = await _client.GetMetadataAsync(id);
        Assert.Equal((uploaded.Placeholder, uploaded.DominantColor), (metadata.Placeholder, metadata.DominantColor));
        var listed = Assert.Single((await _client.GetPageAsync(new OriginalQuery { Prefix = id })).Items);
        Assert.Equal(uploaded.Placeholder, listed.Placeholder);
    }

    [Fact]
    public async Task List_filters_by_tag_prefix_format_and_creation_time()
    {
        var prefix = $"f{Guid.NewGuid():N}"[..12];
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);
        await _client.UploadAsync($"{prefix}-a", Corpus.Path("orientation/Landscape_3.jpg"));
        await _client.UploadAsync($"{prefix}-b", Corpus.Path("wuffs/hat.png"));
        await _client.UploadAsync($"{prefix}-c", Corpus.Path("wuffs/hat.lossy.webp"));
        await _client.PatchAsync($"{prefix}-a", new OriginalPatch { Tags = [prefix, "red"] });
        await _client.PatchAsync($"{prefix}-c", new OriginalPatch { Tags = [prefix] });

        Assert.Equal([$"{prefix}-a", $"{prefix}-b", $"{prefix}-c"], await Ids(new OriginalQuery { Prefix = prefix, PageSize = 1 }));
        Assert.Equal([$"{prefix}-a", $"{prefix}-c"], await Ids(new OriginalQuery { Tags = [prefix] }));
        Assert.Equal([$"{prefix}-a"], await Ids(new OriginalQuery { Tags = [prefix, "red"] }));
        Assert.Equal([$"{prefix}-b"], await Ids(new OriginalQuery { Prefix = prefix, Format = "png" }));
        Assert.Equal(3, (await Ids(new OriginalQuery { Prefix = prefix, Since = before })).Count);
        Assert.Empty(await Ids(new OriginalQuery { Prefix = prefix, Until = before }));

        var bad = await Assert.ThrowsAsync<PictorProblemException>(() => _client.GetPageAsync(new OriginalQuery { Format = "bmp" }));
        Assert.Equal(ProblemKind.BadRequest, bad.Kind);
    }

    [Fact]
    public async Task DeleteDerived_removes_the_derived_images_and_stats_count_them()
    {
        var id = $"purge-{Guid.NewGuid():N}";
        await _client.UploadAsync(id, Corpus.Path("orientation/Landscape_4.jpg"));
        using (var http = fixture.Server.Client())
            Assert.True((await http.GetAsync($"/derived/{id}-90x60.jpg")).IsSuccessStatusCode);
        var withDerived = await _client.GetMetadataAsync(id);
        var derived = Assert.Single(withDerived.Derived);
        Assert.Equal((90, 60), (derived.Width, derived.Height));
        Assert.Equal(derived.Bytes, withDerived.StoredBytes!.Derived);

        var stats = await _client.GetStatsAsync();
        Assert.True(stats.Originals.Count >= 1 && stats.Derived.Count >= 1);
        Assert.Equal(stats.Originals.Bytes + stats.Derived.Bytes, stats.TotalBytes);

        await _client.DeleteDerivedAsync(id);
        Assert.Empty((await _client.GetMetadataAsync(id)).Derived);
        var missing = await Assert.ThrowsAsync<PictorProblemException>(() => _client.DeleteDerivedAsync("no-such-original"));
        Assert.Equal(ProblemKind.NotFound, missing.Kind);
    }

    private async Task<List<string>> Ids(OriginalQuery query)
    {
        var ids = new List<string>();
        await foreach (var o in _client.ListAsync(query)) ids.Add(o.Id);
        return ids;
    }
}
