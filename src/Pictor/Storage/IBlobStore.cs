namespace Pictor.Storage;

/// <summary>
/// Where image bytes live. Keys come from <see cref="BlobKeys"/> only; a put is atomic: a reader sees
/// the whole object under its key or nothing.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the content of <paramref name="localFile"/> under <paramref name="key"/>, durably.
    /// The file is consumed: it may have been moved away when this returns.</summary>
    Task PutFileAsync(string key, string localFile, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="key"/>, made in memory. Atomic always; forced to disk
    /// only when <paramref name="durably"/>. A derived image is put without (no fsync per derive): it is a cache,
    /// made again identical from its original. Its record is committed after this returns, so a process crash
    /// cannot leave the record without the bytes; a power cut can (the bytes gone or cut short while the committed
    /// record survived), and then the record is dropped and the image made again by the next request for it, or by
    /// <c>pictor check --repair</c>, both of which compare the stored length with the record's. Levels are put
    /// durably: nothing records their length, and a derive trusts a level it finds as it trusts the original.
    /// </summary>
    Task PutBytesAsync(string key, byte[] content, bool durably, CancellationToken cancellationToken);

    /// <summary>Opens the object for reading, or returns null when there is none.</summary>
    Task<BlobStream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>A local file holding the object's bytes, for decoders that read files; null when missing.</summary>
    Task<LocalBlob?> GetLocalFileAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the object; a missing object is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every key in the store with its size and last write time (for consistency checks).</summary>
    IAsyncEnumerable<BlobEntry> ListAsync(CancellationToken cancellationToken);
}

/// <summary>An open object: the stream and its length.</summary>
public sealed record BlobStream(Stream Stream, long Length);

public sealed record BlobEntry(string Key, long Length, DateTimeOffset LastModified);

/// <summary>A file to read an object from; disposing it removes any temporary copy.</summary>
public sealed class LocalBlob(string path, bool temporary) : IDisposable
{
    public string Path { get; } = path;

    public void Dispose()
    {
        if (temporary) TempArea.TryDelete(Path);
    }
}
