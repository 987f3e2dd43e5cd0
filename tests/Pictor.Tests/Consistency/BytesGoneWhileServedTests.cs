using System.Net;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Consistency;

/// <summary>
/// A request finds a stored image's record, and before it reads the bytes a purge, replace or delete commits
/// and removes them (eviction removes them the same way: record first, then bytes). The answer must be the one
/// a moment later would get: the derived image made again (identical), the new original, or 404 only when the
/// original itself is gone. The race is made deterministic by <see cref="RacingBlobStore.BeforeRead"/>.
/// </summary>
public sealed class BytesGoneWhileServedTests : IDisposable
{
    private readonly TempFolder _data = new("pictor-gone-served");
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");
    private static readonly byte[] Red = Pixels.Solid(64, 48, ".png", [255, 0, 0]);

    [Fact]
    public async Task A_purge_between_the_lookup_and_the_read_makes_the_derived_image_again_identical()
    {
        await using var host = new RacingHost(_data.Path);
        var (client, store) = (host.Client, host.Store);
        await client.UploadOkAsync("pic", Jpeg);
        var before = await client.GetByteArrayAsync("/derived/pic-40x30.jpg"); // made: answered from the bytes in hand
        var generated = await client.GeneratedAsync();

        store.BeforeRead = async () => Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/original/pic/derived")).StatusCode);
        var response = await client.GetAsync("/derived/pic-40x30.jpg"); // found stored: its bytes are read, and went

        Assert.True(store.Raced);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(generated + 1, await client.GeneratedAsync());
    }

    [Fact]
    public async Task A_replace_between_the_lookup_and_the_read_serves_the_derived_image_of_the_new_original()
    {
        await using var host = new RacingHost(_data.Path);
        var (client, store) = (host.Client, host.Store);
        await client.UploadOkAsync("pic", Jpeg);
        await client.GetByteArrayAsync("/derived/pic-30x20.png");

        store.BeforeRead = async () => Assert.Equal(HttpStatusCode.OK, (await client.PutRawAsync("pic", Red)).StatusCode);
        var response = await client.GetAsync("/derived/pic-30x20.png");

        Assert.True(store.Raced);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(Pixels.Difference(bytes, Pixels.Solid(30, 20, ".png", [255, 0, 0])) < 2, "the derived image is not the replacing red picture");
        Assert.Equal($"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..32]}\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task A_delete_of_the_original_between_the_lookup_and_the_read_gives_404()
    {
        await using var host = new RacingHost(_data.Path);
        var (client, store) = (host.Client, host.Store);
        await client.UploadOkAsync("pic", Jpeg);
        await client.GetByteArrayAsync("/derived/pic-40x30.jpg");

        store.BeforeRead = async () => Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/original/pic")).StatusCode);
        var response = await client.GetAsync("/derived/pic-40x30.jpg");

        Assert.True(store.Raced);
        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_replace_between_the_lookup_and_the_read_of_an_original_serves_the_new_one()
    {
        await using var host = new RacingHost(_data.Path);
        var (client, store) = (host.Client, host.Store);
        await client.UploadOkAsync("pic", Jpeg);

        store.BeforeRead = async () => Assert.Equal(HttpStatusCode.OK, (await client.PutRawAsync("pic", Red)).StatusCode);
        var response = await client.GetAsync("/original/pic");

        Assert.True(store.Raced);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Red, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => _data.Dispose();
}
