using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Pictor.Storage;
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
        await using var factory = Start(out var store);
        using var client = Authorized(factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await client.UploadAsync("pic", Jpeg)).StatusCode);

        store.Race = async () => Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/original/pic")).StatusCode);
        var response = await client.GetAsync("/derived/pic-30x20.jpg");

        Assert.True(store.Raced);
        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_replace_between_finding_the_file_and_decoding_it_derives_the_new_picture()
    {
        await using var factory = Start(out var store);
        using var client = Authorized(factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await client.UploadAsync("pic", Jpeg)).StatusCode);
        var red = Pixels.Solid(64, 48, ".png", [255, 0, 0]);

        store.Race = async () => Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/original/pic", new ByteArrayContent(red))).StatusCode);
        var response = await client.GetAsync("/derived/pic-30x20.png");

        Assert.True(store.Raced);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((30, 20), Pixels.Size(bytes));
        Assert.True(Pixels.Difference(bytes, Pixels.Solid(30, 20, ".png", [255, 0, 0])) < 2, "the derived image is not the replacing red picture");
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Start(out RacingStore store)
    {
        var factory = new PictorFactory(new Dictionary<string, string?>(), dataDirectory: _data.Path)
            .WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            {
                s.AddSingleton(sp => new RacingStore(sp.GetRequiredService<FileSystemBlobStore>()));
                s.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<RacingStore>());
            }));
        store = factory.Services.GetRequiredService<RacingStore>();
        return factory;
    }

    private static HttpClient Authorized(HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PictorFactory.ApiKey);
        return client;
    }

    /// <summary>Runs <see cref="Race"/> once, after handing out a local file and before the caller opens it.</summary>
    private sealed class RacingStore(IBlobStore inner) : IBlobStore
    {
        public Func<Task>? Race { get; set; }

        public bool Raced { get; private set; }

        public async Task<LocalBlob?> GetLocalFileAsync(string key, CancellationToken ct)
        {
            var local = await inner.GetLocalFileAsync(key, ct);
            if (local is not null && Race is { } race)
            {
                Race = null;
                await race();
                Raced = true;
            }
            return local;
        }

        public Task PutFileAsync(string key, string localFile, CancellationToken ct) => inner.PutFileAsync(key, localFile, ct);
        public Task PutBytesAsync(string key, byte[] content, CancellationToken ct) => inner.PutBytesAsync(key, content, ct);
        public Task<BlobStream?> OpenReadAsync(string key, CancellationToken ct) => inner.OpenReadAsync(key, ct);
        public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);
        public IAsyncEnumerable<BlobEntry> ListAsync(CancellationToken ct) => inner.ListAsync(ct);
    }

    public void Dispose() => _data.Dispose();
}
