using System.Net;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

/// <summary>API.md "DELETE /original/{id}/derived": every derived image of an original goes, records and bytes; admin only.</summary>
public abstract class PurgeTests<TBackend>(TBackend factory) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");
    private readonly HttpClient _client = factory.Client();

    private static string NewId() => "pu_" + Guid.NewGuid().ToString("N")[..12];

    private async Task<int> DerivedCountAsync(string id) =>
        (await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync()).GetProperty("derived").GetArrayLength();

    [Fact]
    public async Task Purge_removes_every_derived_image_and_its_bytes_and_the_next_request_makes_it_again()
    {
        var id = NewId();
        var other = NewId();
        await _client.UploadOkAsync(id, Jpeg);
        await _client.UploadOkAsync(other, Jpeg);
        var before = await _client.GetByteArrayAsync($"/derived/{id}-40x30.jpg");
        await _client.GetByteArrayAsync($"/derived/{id}-30x40.png");
        await _client.GetByteArrayAsync($"/derived/{id}-20x20.webp");
        await _client.GetByteArrayAsync($"/derived/{other}-40x30.jpg");
        Assert.Equal(3, await DerivedCountAsync(id));
        var blobs = factory.BlobFiles();

        var response = await _client.DeleteAsync($"/original/{id}/derived");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(0, await DerivedCountAsync(id));
        Assert.Equal(1, await DerivedCountAsync(other)); // only that original's
        var left = factory.BlobFiles();
        Assert.Equal(blobs.Count - 3, left.Count);
        Assert.Subset(blobs.ToHashSet(), left.ToHashSet());
        Assert.Equal(Jpeg, await _client.GetByteArrayAsync($"/original/{id}")); // the original stays

        // Purging again is a no-op; the next request generates again, the same bytes.
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/original/{id}/derived")).StatusCode);
        var generated = await _client.GeneratedAsync();
        Assert.Equal(before, await _client.GetByteArrayAsync($"/derived/{id}-40x30.jpg"));
        Assert.Equal(generated + 1, await _client.GeneratedAsync());
        Assert.Equal(1, await DerivedCountAsync(id));
    }

    [Fact]
    public async Task Purge_needs_an_admin_key_and_an_existing_original()
    {
        var id = NewId();
        await _client.UploadOkAsync(id, Jpeg);
        await _client.GetByteArrayAsync($"/derived/{id}-40x30.jpg");

        await (await factory.AnonymousClient().DeleteAsync($"/original/{id}/derived")).ProblemAsync(HttpStatusCode.Unauthorized);
        var forbidden = await (await factory.Client(PictorFactory.WriteKey).DeleteAsync($"/original/{id}/derived")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("admin", forbidden.GetProperty("detail").GetString());
        Assert.Equal(1, await DerivedCountAsync(id));

        await (await _client.DeleteAsync($"/original/{NewId()}/derived")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.DeleteAsync("/original/bad.id/derived")).ProblemAsync(HttpStatusCode.BadRequest);
    }
}
