using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

/// <summary>API.md "PATCH /original/{id}": the focal point, its metadata, its validation and what it invalidates.</summary>
public abstract class FocalPointTests<TBackend>(TBackend factory) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");
    private readonly HttpClient _client = factory.Client();

    private static string NewId() => "fp_" + Guid.NewGuid().ToString("N")[..12];

    private static HttpContent Patch(string json, string mediaType = "application/merge-patch+json") =>
        new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue(mediaType));

    private async Task<string> UploadedAsync()
    {
        var id = NewId();
        await _client.UploadOkAsync(id, Jpeg);
        return id;
    }

    [Fact]
    public async Task Setting_and_clearing_the_focus_shows_in_the_metadata()
    {
        var id = await UploadedAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync()).GetProperty("focus").ValueKind);

        var set = await _client.PatchAsync($"/original/{id}", Patch("""{"focus": {"x": 0.31, "y": 0.62}}"""));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var focus = (await set.JsonAsync()).GetProperty("focus");
        Assert.Equal((0.31, 0.62), (focus.GetProperty("x").GetDouble(), focus.GetProperty("y").GetDouble()));
        var read = (await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync()).GetProperty("focus");
        Assert.Equal((0.31, 0.62), (read.GetProperty("x").GetDouble(), read.GetProperty("y").GetDouble()));

        // A patch without "focus" leaves it alone; null clears it.
        Assert.Equal(HttpStatusCode.OK, (await _client.PatchAsync($"/original/{id}", Patch("{}"))).StatusCode);
        Assert.Equal(0.31, (await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync()).GetProperty("focus").GetProperty("x").GetDouble());
        var cleared = await _client.PatchAsync($"/original/{id}", Patch("""{"focus": null}"""));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await cleared.JsonAsync()).GetProperty("focus").ValueKind);
    }

    [Fact]
    public async Task Setting_or_clearing_the_focus_removes_the_derived_images_whose_crop_followed_it()
    {
        var id = await UploadedAsync();
        var first = await _client.GetByteArrayAsync($"/derived/{id}-40x30.jpg");
        await _client.GetByteArrayAsync($"/derived/{id}-30x40.png");
        var blobsBefore = factory.BlobFiles().Count;
        Assert.Equal(2, (await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync()).GetProperty("derived").GetArrayLength());

        var invalidated = await _client.CounterAsync("pictor_derived_invalidated_total");
        Assert.Equal(HttpStatusCode.OK, (await _client.PatchAsync($"/original/{id}", Patch("""{"focus": {"x": 0.9, "y": 0.1}}"""))).StatusCode);
        Assert.Equal(0, (await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync()).GetProperty("derived").GetArrayLength());
        Assert.Equal(invalidated + 2, await _client.CounterAsync("pictor_derived_invalidated_total"));
        Assert.Equal(blobsBefore - 2, factory.BlobFiles().Count); // the bytes went with the records

        // Made again on the next request; the same focus again changes nothing.
        var generated = await _client.GeneratedAsync();
        Assert.Equal((40, 30), Pixels.Size(await _client.GetByteArrayAsync($"/derived/{id}-40x30.jpg")));
        Assert.Equal(generated + 1, await _client.GeneratedAsync());
        Assert.Equal(HttpStatusCode.OK, (await _client.PatchAsync($"/original/{id}", Patch("""{"focus": {"x": 0.9, "y": 0.1}}"""))).StatusCode);
        Assert.Equal(1, (await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync()).GetProperty("derived").GetArrayLength());

        Assert.Equal(HttpStatusCode.OK, (await _client.PatchAsync($"/original/{id}", Patch("""{"focus": null}"""))).StatusCode);
        Assert.Equal(0, (await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync()).GetProperty("derived").GetArrayLength());
        Assert.NotEmpty(first);
    }

    [Theory]
    [InlineData("""{"focus": {"x": 1.5, "y": 0.5}}""", "focus.x")]
    [InlineData("""{"focus": {"x": 0.5, "y": -0.1}}""", "focus.y")]
    [InlineData("""{"focus": {"x": "0.5", "y": 0.5}}""", "focus.x")]
    [InlineData("""{"focus": {"x": 0.5}}""", "y is missing")]
    [InlineData("""{"focus": {"x": 0.5, "y": 0.5, "z": 1}}""", "'z'")]
    [InlineData("""{"focus": [0.5, 0.5]}""", "focus must be")]
    [InlineData("""{"focus": 0.5}""", "focus must be")]
    [InlineData("""{"owner": "me"}""", "'owner'")]
    [InlineData("""[1, 2]""", "JSON object")]
    [InlineData("""{"focus": """, "not valid JSON")]
    [InlineData("", "not valid JSON")]
    public async Task Invalid_patches_are_400_naming_the_field(string body, string named)
    {
        var id = await UploadedAsync();
        var problem = await (await _client.PatchAsync($"/original/{id}", Patch(body))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(named, problem.GetProperty("detail").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync()).GetProperty("focus").ValueKind);
    }

    [Fact]
    public async Task A_patch_needs_a_key_a_JSON_body_and_an_existing_original()
    {
        var id = await UploadedAsync();
        await (await factory.AnonymousClient().PatchAsync($"/original/{id}", Patch("""{"focus": null}"""))).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await _client.PatchAsync($"/original/{id}", Patch("focus=1", "application/x-www-form-urlencoded"))).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await _client.PatchAsync($"/original/{NewId()}", Patch("""{"focus": null}"""))).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PatchAsync($"/original/{NewId()}", Patch("{}"))).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PatchAsync("/original/bad.id", Patch("{}"))).ProblemAsync(HttpStatusCode.BadRequest);
        // Plain application/json is taken too.
        Assert.Equal(HttpStatusCode.OK, (await _client.PatchAsync($"/original/{id}", Patch("""{"focus": {"x": 0, "y": 1}}""", "application/json"))).StatusCode);
    }
}
