using System.Net;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Consistency;

/// <summary>
/// A derive finds its original's file, and before libvips opens it a DELETE or PUT of that original commits
/// and removes the file. The request must answer as if it had come a moment later: 404 after a delete, the
/// new picture after a replace; never 500 (the kill-loop test met this race as a 500).
/// </summary>
public sealed class OriginalGoneDuringDeriveTests : IDisposable
{
    private readonly TempFolder _data = new("pictor-gone");
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");

    [Fact]
    public async Task A_delete_between_finding_the_file_and_decoding_it_gives_404()
    {
        await using var host = new RacingHost(_data.Path);
        var (client, store) = (host.Client, host.Store);
        Assert.Equal(HttpStatusCode.Created, (await client.UploadAsync("pic", Jpeg)).StatusCode);

        store.AfterLocalFile = async () => Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/original/pic")).StatusCode);
        var response = await client.GetAsync("/derived/pic-30x20.jpg");

        Assert.True(store.Raced);
        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_replace_between_finding_the_file_and_decoding_it_derives_the_new_picture()
    {
        await using var host = new RacingHost(_data.Path);
        var (client, store) = (host.Client, host.Store);
        Assert.Equal(HttpStatusCode.Created, (await client.UploadAsync("pic", Jpeg)).StatusCode);
        var red = Pixels.Solid(64, 48, ".png", [255, 0, 0]);

        store.AfterLocalFile = async () => Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/original/pic", new ByteArrayContent(red))).StatusCode);
        var response = await client.GetAsync("/derived/pic-30x20.png");

        Assert.True(store.Raced);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((30, 20), Pixels.Size(bytes));
        Assert.True(Pixels.Difference(bytes, Pixels.Solid(30, 20, ".png", [255, 0, 0])) < 2, "the derived image is not the replacing red picture");
    }

    public void Dispose() => _data.Dispose();
}
