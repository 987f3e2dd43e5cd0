using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Pictor.Consistency;
using Pictor.Derivation;
using Pictor.Images;
using Pictor.Storage;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Consistency;

/// <summary>
/// A crash between the steps of a write leaves a state that start-up recovery turns back into a
/// consistent one: each test runs the real components up to a step, stops there as a crash would,
/// restarts on the same data and checks what clients see and what `pictor check` finds.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly TempFolder _data = new("pictor-crash");
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");

    private PictorFactory Start() => new(new Dictionary<string, string?>
    {
        ["Pictor:Consistency:UploadLeaseSeconds"] = "1",
        ["Pictor:Derivation:LeaseSeconds"] = "1",
    }, dataDirectory: _data.Path);

    [Fact]
    public async Task Crash_after_the_upload_blob_is_written_but_before_the_commit()
    {
        await using (var first = Start())
        {
            var journal = first.Services.GetRequiredService<BlobJournal>();
            var blobs = first.Services.GetRequiredService<IBlobStore>();
            var key = BlobKeys.Original(ImageId.Parse("lost"), BlobKeys.NewToken());
            await journal.AddAsync(key, TimeSpan.FromSeconds(1), default);
            await blobs.PutFileAsync(key, WriteTemp(first, Jpeg), default);
            Assert.Single(first.BlobFiles());
        } // crash: the record was never committed

        await Task.Delay(1100);
        await using var second = Start();
        var client = second.Client();
        await (await client.GetAsync("/original/lost")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(second.BlobFiles());
        await AssertConsistentAsync(second);
        Assert.Equal(HttpStatusCode.Created, (await client.UploadAsync("lost", Jpeg)).StatusCode); // the ID is free
    }

    [Fact]
    public async Task Crash_in_the_middle_of_a_derive_leaves_nothing_servable_and_the_next_request_derives_it()
    {
        await using (var first = Start())
        {
            await first.Client().UploadOkAsync("pic", Jpeg);
            var leases = first.Services.GetRequiredService<DerivedLeases>();
            var spec = DerivedSpec.Parse("pic-30x20.jpg", 8192);
            var lease = (await leases.TryAcquireAsync(spec, default)).Lease!;
            await first.Services.GetRequiredService<IBlobStore>().PutFileAsync(lease.StorageKey, WriteTemp(first, Jpeg), default);
        } // crash: generated and stored, never marked ready

        await Task.Delay(1100);
        await using var second = Start();
        var client = second.Client(); // starts the host: recovery runs before it serves
        Assert.Single(second.BlobFiles()); // the original only: the half-made derive was removed at start
        await AssertConsistentAsync(second);
        var derived = await client.GetByteArrayAsync("/derived/pic-30x20.jpg");
        Assert.Equal((30, 20), Pixels.Size(derived));
    }

    [Fact]
    public async Task Crash_after_a_delete_commits_but_before_its_blobs_are_removed()
    {
        await using (var first = Start())
        {
            var client = first.Client();
            await client.UploadOkAsync("gone", Jpeg);
            await client.GetByteArrayAsync("/derived/gone-10x10.jpg");
        }
        await using (var crashing = Start().WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<IBlobStore>(sp => new DeletesNothing(sp.GetRequiredService<FileSystemBlobStore>())))))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await crashing.CreateClient().SendAsync(Authorized(HttpMethod.Delete, "/original/gone"))).StatusCode);
        } // the process died before any blob deletion went through

        await using var second = Start();
        await (await second.Client().GetAsync("/original/gone")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(second.BlobFiles());
        await AssertConsistentAsync(second);
    }

    [Fact]
    public async Task Temp_files_of_a_dead_instance_are_removed_at_start()
    {
        var dead = Path.Combine(_data.Path, "tmp", "12345-deadbeef");
        Directory.CreateDirectory(dead);
        await File.WriteAllBytesAsync(Path.Combine(dead, "half-upload.upload"), Jpeg[..1000]);
        await File.WriteAllTextAsync(Path.Combine(dead, ".lock"), "");
        await using var factory = Start();
        _ = factory.Services;
        Assert.False(Directory.Exists(dead));
        await AssertConsistentAsync(factory);
    }

    private static async Task AssertConsistentAsync(PictorFactory factory)
    {
        var report = new StringWriter();
        var findings = await factory.Services.GetRequiredService<ConsistencyCheck>().RunAsync(repair: false, report, default);
        Assert.True(findings.Count == 0, report.ToString());
    }

    private static string WriteTemp(PictorFactory factory, byte[] bytes)
    {
        var path = factory.Services.GetRequiredService<TempArea>().NewPath();
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new("Bearer", PictorFactory.ApiKey);
        return request;
    }

    /// <summary>A store whose deletes never happen, as when the process dies right after the commit.</summary>
    private sealed class DeletesNothing(IBlobStore inner) : IBlobStore
    {
        public Task PutFileAsync(string key, string localFile, CancellationToken ct) => inner.PutFileAsync(key, localFile, ct);
        public Task PutBytesAsync(string key, byte[] content, bool durably, CancellationToken ct) => inner.PutBytesAsync(key, content, durably, ct);
        public Task<BlobStream?> OpenReadAsync(string key, CancellationToken ct) => inner.OpenReadAsync(key, ct);
        public Task<LocalBlob?> GetLocalFileAsync(string key, CancellationToken ct) => inner.GetLocalFileAsync(key, ct);
        public Task DeleteAsync(string key, CancellationToken ct) => throw new IOException("simulated crash before the delete");
        public IAsyncEnumerable<BlobEntry> ListAsync(CancellationToken ct) => inner.ListAsync(ct);
    }

    public void Dispose() => _data.Dispose();
}
