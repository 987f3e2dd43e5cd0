using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

/// <summary>API.md "Originals": every row, through HTTP, with real images.</summary>
public abstract class OriginalsTests<TBackend>(TBackend factory) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private readonly HttpClient _client = factory.Client();
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");
    private static readonly byte[] Png = Corpus.Bytes("wuffs/hat.png");

    private static string NewId() => "img_" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Post_stores_the_original_and_returns_201_with_location_and_metadata()
    {
        var id = NewId();
        var response = await _client.UploadAsync(id, Jpeg, "photo.png"); // the name lies; the bytes decide
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/original/{id}", response.Headers.Location?.ToString());
        var body = await response.JsonAsync();
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal("jpeg", body.GetProperty("format").GetString());
        Assert.Equal(Jpeg.Length, body.GetProperty("bytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Jpeg)), body.GetProperty("sha256").GetString());
        var (w, h) = Pixels.Size(Jpeg);
        Assert.Equal(w, body.GetProperty("width").GetInt32());
        Assert.Equal(h, body.GetProperty("height").GetInt32());
    }

    [Fact]
    public async Task Get_returns_the_bytes_as_uploaded_with_the_detected_type()
    {
        var id = NewId();
        await _client.UploadOkAsync(id, Png);
        var response = await _client.GetAsync($"/original/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png.Length, response.Content.Headers.ContentLength);
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Head_gives_the_headers_of_get_without_a_body()
    {
        var id = NewId();
        await _client.UploadOkAsync(id, Png);
        var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/original/{id}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Png.Length, response.Content.Headers.ContentLength);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Post_to_an_existing_id_is_409_and_keeps_the_first()
    {
        var id = NewId();
        await _client.UploadOkAsync(id, Jpeg);
        var second = await _client.UploadAsync(id, Png);
        await second.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(Jpeg, await _client.GetByteArrayAsync($"/original/{id}"));
    }

    [Fact]
    public async Task Post_without_a_file_field_is_400()
    {
        var response = await _client.PostAsync($"/original/{NewId()}", Http.Multipart(Jpeg, field: "image"));
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'file'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Post_with_a_body_that_is_not_multipart_is_400()
    {
        var response = await _client.PostAsync($"/original/{NewId()}", new ByteArrayContent(Jpeg));
        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_with_broken_multipart_framing_is_400()
    {
        var content = new ByteArrayContent("--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=xyz");
        var response = await _client.PostAsync($"/original/{NewId()}", content);
        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("has.dot")]
    [InlineData("sp%20ace")]
    [InlineData("caf%C3%A9")]
    [InlineData("%D0%B0bc")] // Cyrillic look-alike of 'a'
    public async Task Invalid_ids_are_400_naming_the_rule(string id)
    {
        var response = await _client.UploadAsync(id, Jpeg);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("A-Z, a-z, 0-9", problem.GetProperty("detail").GetString());
        await (await _client.GetAsync($"/original/{id}")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_id_of_129_characters_is_400_and_of_128_is_accepted()
    {
        await (await _client.UploadAsync(new string('a', 129), Jpeg)).ProblemAsync(HttpStatusCode.BadRequest);
        var longest = "L" + Guid.NewGuid().ToString("N") + new string('z', 95);
        Assert.Equal(128, longest.Length);
        Assert.Equal(HttpStatusCode.Created, (await _client.UploadAsync(longest, Jpeg)).StatusCode);
    }

    [Fact]
    public async Task Ids_are_case_sensitive()
    {
        var id = "Case" + Guid.NewGuid().ToString("N")[..8];
        await _client.UploadOkAsync(id, Jpeg);
        await _client.UploadOkAsync(id.ToLowerInvariant(), Png);
        Assert.Equal(Jpeg, await _client.GetByteArrayAsync($"/original/{id}"));
        Assert.Equal(Png, await _client.GetByteArrayAsync($"/original/{id.ToLowerInvariant()}"));
    }

    [Fact]
    public async Task Concurrent_uploads_of_new_ids_all_commit_and_of_one_new_id_exactly_one_does()
    {
        var image = Pixels.Solid(16, 16, ".png", [10, 200, 30]);
        var shared = NewId();
        var distinct = Enumerable.Range(0, 12).Select(_ => NewId()).ToList();
        var uploads = distinct.Select(id => _client.UploadAsync(id, image))
            .Concat(Enumerable.Range(0, 8).Select(_ => _client.UploadAsync(shared, image))).ToList();
        var responses = await Task.WhenAll(uploads);
        var (ofDistinct, ofShared) = (responses[..12], responses[12..]);
        Assert.All(ofDistinct, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(ofShared, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(ofShared.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task Ids_differing_only_in_case_have_their_own_derived_images_and_delete_separately()
    {
        var upper = "Photo" + Guid.NewGuid().ToString("N")[..8];
        var lower = upper.ToLowerInvariant();
        await _client.UploadOkAsync(upper, Pixels.Solid(40, 30, ".png", [255, 0, 0]));
        await _client.UploadOkAsync(lower, Pixels.Solid(40, 30, ".png", [0, 0, 255]));
        Assert.Equal(255, CentreRed(await _client.GetByteArrayAsync($"/derived/{upper}-20x15.png")));
        Assert.Equal(0, CentreRed(await _client.GetByteArrayAsync($"/derived/{lower}-20x15.png")));

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/original/{upper}")).StatusCode);
        await (await _client.GetAsync($"/derived/{upper}-20x15.png")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, CentreRed(await _client.GetByteArrayAsync($"/derived/{lower}-20x15.png")));
    }

    private static double CentreRed(byte[] image)
    {
        using var loaded = Pixels.Load(image);
        return loaded.Getpoint(loaded.Width / 2, loaded.Height / 2)[0];
    }

    [Fact]
    public async Task Bytes_that_are_not_an_image_are_400()
    {
        var response = await _client.UploadAsync(NewId(), "just some text, not an image at all"u8.ToArray(), "fake.jpg");
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.EndsWith("/unsupported-format", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_truncated_image_is_refused_with_400()
    {
        var response = await _client.UploadAsync(NewId(), Corpus.Bytes("wuffs/peacock.default.truncated.jpeg"));
        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Get_of_a_missing_original_is_404()
    {
        await (await _client.GetAsync($"/original/{NewId()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/original/{NewId()}/metadata")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_creates_with_201_then_replaces_with_200_and_invalidates_derived_images()
    {
        var id = NewId();
        var red = Pixels.Solid(300, 200, ".png", [255, 0, 0]);
        var blue = Pixels.Solid(300, 200, ".png", [0, 0, 255]);
        Assert.Equal(HttpStatusCode.Created, (await _client.PutRawAsync(id, red)).StatusCode);
        var before = await _client.GetByteArrayAsync($"/derived/{id}-30x20.png");
        using (var image = Pixels.Load(before)) Assert.True(image.Getpoint(10, 10)[0] > 200);

        var replaced = await _client.PutRawAsync(id, blue);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(blue, await _client.GetByteArrayAsync($"/original/{id}"));
        var metadata = await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync();
        Assert.Equal(0, metadata.GetProperty("derived").GetArrayLength());
        var after = await _client.GetByteArrayAsync($"/derived/{id}-30x20.png");
        using (var image = Pixels.Load(after)) Assert.True(image.Getpoint(10, 10)[2] > 200 && image.Getpoint(10, 10)[0] < 50);
    }

    [Fact]
    public async Task Delete_removes_the_original_and_every_derived_image_from_metadata_and_storage()
    {
        var id = NewId();
        await _client.UploadOkAsync(id, Jpeg);
        var blobsBefore = factory.BlobFiles().Count;
        await _client.GetByteArrayAsync($"/derived/{id}-40x30.jpg");
        await _client.GetByteArrayAsync($"/derived/{id}-50x50.webp");
        Assert.Equal(blobsBefore + 2, factory.BlobFiles().Count);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/original/{id}")).StatusCode);
        await (await _client.GetAsync($"/original/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/derived/{id}-40x30.jpg")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(blobsBefore - 1, factory.BlobFiles().Count);
        await (await _client.DeleteAsync($"/original/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reupload_after_delete_never_serves_the_old_derived_bytes()
    {
        var id = NewId();
        await _client.UploadOkAsync(id, Pixels.Solid(64, 64, ".png", [255, 0, 0]));
        await _client.GetByteArrayAsync($"/derived/{id}-16x16.png");
        await _client.DeleteAsync($"/original/{id}");
        await _client.UploadOkAsync(id, Pixels.Solid(64, 64, ".png", [0, 255, 0]));
        using var image = Pixels.Load(await _client.GetByteArrayAsync($"/derived/{id}-16x16.png"));
        Assert.True(image.Getpoint(8, 8)[1] > 200 && image.Getpoint(8, 8)[0] < 50);
    }

    [Fact]
    public async Task Metadata_lists_the_derived_images()
    {
        var id = NewId();
        await _client.UploadOkAsync(id, Jpeg);
        await _client.GetByteArrayAsync($"/derived/{id}-20x10.png");
        var body = await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync();
        Assert.Equal(id, body.GetProperty("id").GetString());
        var derived = body.GetProperty("derived").EnumerateArray().Single();
        Assert.Equal($"{id}-20x10.png", derived.GetProperty("name").GetString());
        Assert.Equal(20, derived.GetProperty("width").GetInt32());
        Assert.True(body.TryGetProperty("created", out _));
    }

    [Fact]
    public async Task Listing_pages_through_originals_in_id_order()
    {
        await using var own = await factory.NewAsync();
        var client = own.Client();
        string[] ids = ["e", "a", "C", "b", "d"];
        foreach (var id in ids) await client.UploadOkAsync(id, Png);

        var first = await (await client.GetAsync("/original?limit=2")).JsonAsync();
        Assert.Equal(["C", "a"], first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal("a", first.GetProperty("next").GetString());
        var second = await (await client.GetAsync("/original?after=a&limit=2")).JsonAsync();
        Assert.Equal(["b", "d"], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var last = await (await client.GetAsync("/original?after=d")).JsonAsync();
        Assert.Equal(["e"], last.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, last.GetProperty("next").ValueKind);
    }

    [Theory]
    [InlineData("/original?limit=0")]
    [InlineData("/original?limit=-1")]
    [InlineData("/original?limit=1001")]
    [InlineData("/original?limit=abc")]
    [InlineData("/original?after=bad.id")]
    public async Task Bad_paging_is_400(string url) =>
        await (await _client.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);

    [Fact]
    public async Task Original_responses_carry_validators_and_answer_304()
    {
        var id = NewId();
        await _client.UploadOkAsync(id, Png);
        var response = await _client.GetAsync($"/original/{id}");
        var etag = response.Headers.ETag!;
        Assert.False(etag.IsWeak);
        var conditional = new HttpRequestMessage(HttpMethod.Get, $"/original/{id}");
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await _client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        var since = new HttpRequestMessage(HttpMethod.Get, $"/original/{id}");
        since.Headers.IfModifiedSince = response.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(since)).StatusCode);
    }

    [Fact]
    public async Task Bearer_and_basic_credentials_are_accepted()
    {
        var anonymous = factory.AnonymousClient();
        var basic = new HttpRequestMessage(HttpMethod.Post, $"/original/{NewId()}") { Content = Http.Multipart(Png) };
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("pictor:test-key-0123456789"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Created, (await anonymous.SendAsync(basic)).StatusCode);
    }

    [Fact]
    public async Task Writes_without_or_with_wrong_credentials_are_401_and_reads_stay_public()
    {
        var id = NewId();
        await _client.UploadOkAsync(id, Png);
        var anonymous = factory.AnonymousClient();

        var none = await anonymous.UploadAsync(NewId(), Png);
        await none.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.NotEmpty(none.Headers.WwwAuthenticate);
        await (await anonymous.DeleteAsync($"/original/{id}")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PutRawAsync(id, Jpeg)).ProblemAsync(HttpStatusCode.Unauthorized);

        var wrong = new HttpRequestMessage(HttpMethod.Delete, $"/original/{id}");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-key");
        await (await anonymous.SendAsync(wrong)).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(Png, await anonymous.GetByteArrayAsync($"/original/{id}"));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/derived/{id}-10x10.jpg")).StatusCode);
    }
}
