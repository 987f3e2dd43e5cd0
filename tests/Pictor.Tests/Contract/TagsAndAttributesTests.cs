using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

/// <summary>API.md "PATCH /original/{id}": tags and attributes, merged, removed, bounded; shown wherever metadata is.</summary>
public abstract class TagsAndAttributesTests<TBackend>(TBackend factory) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private static readonly byte[] Png = Corpus.Bytes("wuffs/hat.png");
    private readonly HttpClient _client = factory.Client();

    private static string NewId() => "ta_" + Guid.NewGuid().ToString("N")[..12];

    public static HttpContent Patch(string json) =>
        new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/merge-patch+json"));

    private async Task<string> UploadedAsync()
    {
        var id = NewId();
        await _client.UploadOkAsync(id, Png);
        return id;
    }

    private async Task<JsonElement> MetadataAsync(string id) => await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync();

    private static string[] Tags(JsonElement metadata) => metadata.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray();

    private static Dictionary<string, string> Attributes(JsonElement metadata) =>
        metadata.GetProperty("attributes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    private async Task<JsonElement> PatchOkAsync(string id, string json)
    {
        var response = await _client.PatchAsync($"/original/{id}", Patch(json));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    [Fact]
    public async Task Tags_are_set_as_a_set_shown_everywhere_and_cleared_by_null()
    {
        var id = await UploadedAsync();
        var created = await MetadataAsync(id);
        Assert.Empty(Tags(created));
        Assert.Empty(Attributes(created));

        var patched = await PatchOkAsync(id, """{"tags": ["sunset", "beach", "sunset", "2026:summer"]}""");
        Assert.Equal(["2026:summer", "beach", "sunset"], Tags(patched)); // duplicates collapse; ordinal order
        Assert.Equal(["2026:summer", "beach", "sunset"], Tags(await MetadataAsync(id)));
        var listed = (await (await _client.GetAsync($"/original?prefix={id}")).JsonAsync()).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(["2026:summer", "beach", "sunset"], Tags(listed));

        // A replace keeps what is recorded about the ID, and its response says so.
        var replaced = await (await _client.PutRawAsync(id, Png)).JsonAsync();
        Assert.Equal(["2026:summer", "beach", "sunset"], Tags(replaced));

        // A list replaces the set; a patch without "tags" leaves it; null and [] clear it.
        Assert.Equal(["Beach"], Tags(await PatchOkAsync(id, """{"tags": ["Beach"]}""")));
        Assert.Equal(["Beach"], Tags(await PatchOkAsync(id, """{"focus": {"x": 0.5, "y": 0.5}}""")));
        Assert.Empty(Tags(await PatchOkAsync(id, """{"tags": null}""")));
        await PatchOkAsync(id, """{"tags": ["a"]}""");
        Assert.Empty(Tags(await PatchOkAsync(id, """{"tags": []}""")));
    }

    [Fact]
    public async Task Attributes_merge_a_null_value_removes_a_key_and_null_clears_them()
    {
        var id = await UploadedAsync();
        var patched = await PatchOkAsync(id, """{"attributes": {"owner": "user-42", "caption": "Ein Hut — 帽子", "alt": ""}}""");
        Assert.Equal(new Dictionary<string, string> { ["owner"] = "user-42", ["caption"] = "Ein Hut — 帽子", ["alt"] = "" }, Attributes(patched));

        var merged = await PatchOkAsync(id, """{"attributes": {"owner": "user-43", "alt": null, "licence": "CC0"}}""");
        var expected = new Dictionary<string, string> { ["owner"] = "user-43", ["caption"] = "Ein Hut — 帽子", ["licence"] = "CC0" };
        Assert.Equal(expected, Attributes(merged));
        Assert.Equal(expected, Attributes(await MetadataAsync(id)));
        var listed = (await (await _client.GetAsync($"/original?prefix={id}")).JsonAsync()).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(expected, Attributes(listed));

        Assert.Empty(Attributes(await PatchOkAsync(id, """{"attributes": null}""")));
        Assert.Empty(Attributes(await MetadataAsync(id)));
    }

    [Fact]
    public async Task Deleting_an_original_deletes_its_tags_and_attributes()
    {
        var id = await UploadedAsync();
        await PatchOkAsync(id, """{"tags": ["kept"], "attributes": {"k": "v"}}""");
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/original/{id}")).StatusCode);
        var again = await (await _client.UploadOkAsync(id, Png)).JsonAsync();
        Assert.Empty(Tags(again));
        Assert.Empty(Attributes(again));
        Assert.Empty(Tags(await MetadataAsync(id)));
    }

    public static TheoryData<string, string> Invalid()
    {
        var many = string.Join(", ", Enumerable.Range(0, 33).Select(i => $"\"t{i}\""));
        var manyAttributes = string.Join(", ", Enumerable.Range(0, 33).Select(i => $"\"k{i}\": \"v\""));
        return new TheoryData<string, string>
        {
            { $$$"""{"tags": [{{{many}}}]}""", "at most 32 tags" },
            { $$$"""{"tags": ["{{{new string('t', 65)}}}"]}""", "tags[0]" },
            { """{"tags": ["ok", "has space"]}""", "tags[1]" },
            { """{"tags": [""]}""", "tags[0]" },
            { """{"tags": [1]}""", "tags[0]" },
            { """{"tags": "beach"}""", "tags must be" },
            { """{"tags": {"beach": true}}""", "tags must be" },
            { """{"attributes": ["a"]}""", "attributes must be" },
            { """{"attributes": {"k": 1}}""", "attributes.k" },
            { """{"attributes": {"k": {"nested": "x"}}}""", "attributes.k" },
            { """{"attributes": {"bad key": "v"}}""", "attributes key" },
            { $$$"""{"attributes": {"{{{new string('k', 65)}}}": "v"}}""", "attributes key" },
            { $$$"""{"attributes": {"k": "{{{new string('v', 1025)}}}"}}""", "attributes.k" },
            { """{"attributes": {"k": "a\u0000b"}}""", "attributes.k" },
            { $$$"""{"attributes": { {{{manyAttributes}}} }}""", "at most 32 attributes" },
            { """{"attributes": {"k": "v", "k": "w"}}""", "attributes.k" },
            { """{"tags": ["a"], "tags": ["b"]}""", "'tags'" },
        };
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Invalid_tags_or_attributes_are_400_naming_the_field_and_change_nothing(string body, string named)
    {
        var id = await UploadedAsync();
        await PatchOkAsync(id, """{"tags": ["before"], "attributes": {"before": "yes"}}""");
        var problem = await (await _client.PatchAsync($"/original/{id}", Patch(body))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(named, problem.GetProperty("detail").GetString());
        var metadata = await MetadataAsync(id);
        Assert.Equal(["before"], Tags(metadata));
        Assert.Equal(new Dictionary<string, string> { ["before"] = "yes" }, Attributes(metadata));
    }

    [Fact]
    public async Task A_merge_beyond_the_bound_is_refused_as_a_whole_with_the_rest_of_the_patch()
    {
        var id = await UploadedAsync();
        var twenty = string.Join(", ", Enumerable.Range(0, 20).Select(i => $"\"a{i}\": \"v\""));
        await PatchOkAsync(id, $$$"""{"attributes": { {{{twenty}}} }}""");
        // 20 stored + 13 new = 33: refused, and the focus and tags of the same patch are not applied either.
        var thirteen = string.Join(", ", Enumerable.Range(0, 13).Select(i => $"\"b{i}\": \"v\""));
        var problem = await (await _client.PatchAsync($"/original/{id}",
            Patch($$$"""{"focus": {"x": 0.1, "y": 0.2}, "tags": ["x"], "attributes": { {{{thirteen}}} }}"""))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("at most 32 attributes", problem.GetProperty("detail").GetString());
        var metadata = await MetadataAsync(id);
        Assert.Equal(20, Attributes(metadata).Count);
        Assert.Empty(Tags(metadata));
        Assert.Equal(JsonValueKind.Null, metadata.GetProperty("focus").ValueKind);

        // Replacing values and removing keys in the same patch stays within the bound.
        var replace = string.Join(", ", Enumerable.Range(0, 12).Select(i => $"\"a{i}\": null").Concat(Enumerable.Range(0, 24).Select(i => $"\"b{i}\": \"w\"")));
        Assert.Equal(32, Attributes(await PatchOkAsync(id, $$$"""{"attributes": { {{{replace}}} }}""")).Count);
    }

    [Fact]
    public async Task Concurrent_patches_merge_without_lost_updates_and_the_bound_holds()
    {
        var id = await UploadedAsync();
        // 40 patches at once, each adding its own key and tag: one at a time per original, so exactly 32 fit.
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            _client.PatchAsync($"/original/{id}", Patch($$$"""{"tags": ["t{{{i}}}"], "attributes": {"k{{{i}}}": "v{{{i}}}"}}"""))));
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.BadRequest }));
        var accepted = answers.Select((a, i) => (a, i)).Where(x => x.a.StatusCode == HttpStatusCode.OK).Select(x => x.i).ToList();
        Assert.Equal(32, accepted.Count);

        var metadata = await MetadataAsync(id);
        Assert.Equal(accepted.Select(i => $"k{i}").Order(StringComparer.Ordinal), Attributes(metadata).Keys.Order(StringComparer.Ordinal));
        // tags replace the set: the last accepted patch's tag remains, alone
        Assert.Single(Tags(metadata));
        Assert.Contains(Tags(metadata)[0], accepted.Select(i => $"t{i}"));
    }
}
