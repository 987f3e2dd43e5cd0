using Pictor.Storage;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// The blob store with a race run once at a chosen moment, to make a concurrent change land deterministically
/// inside a request: <see cref="AfterLocalFile"/> once a derive has found its original's file and before it
/// decodes it; <see cref="BeforeRead"/> once a response has looked its image up and before it opens the bytes.
/// Started by <see cref="RacingHost"/>.
/// </summary>
public sealed class RacingBlobStore(IBlobStore inner) : IBlobStore
{
    public Func<Task>? AfterLocalFile { get; set; }

    public Func<Task>? BeforeRead { get; set; }

    public bool Raced { get; private set; }

    public async Task<LocalBlob?> GetLocalFileAsync(string key, CancellationToken ct)
    {
        var local = await inner.GetLocalFileAsync(key, ct);
        if (local is not null) await RunAsync(AfterLocalFile, () => AfterLocalFile = null);
        return local;
    }

    public async Task<BlobStream?> OpenReadAsync(string key, CancellationToken ct)
    {
        await RunAsync(BeforeRead, () => BeforeRead = null);
        return await inner.OpenReadAsync(key, ct);
    }

    private async Task RunAsync(Func<Task>? race, Action clear)
    {
        if (race is null) return;
        clear();
        await race();
        Raced = true;
    }

    public Task PutFileAsync(string key, string localFile, CancellationToken ct) => inner.PutFileAsync(key, localFile, ct);
    public Task PutBytesAsync(string key, byte[] content, bool durably, CancellationToken ct) => inner.PutBytesAsync(key, content, durably, ct);
    public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);
    public IAsyncEnumerable<BlobEntry> ListAsync(CancellationToken ct) => inner.ListAsync(ct);
}
