using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Pictor.Configuration;

namespace Pictor.Storage;

/// <summary>
/// Objects as files under <c>{DataDirectory}/blobs</c>. A put of a file (an original) fsyncs it, renames it
/// into place and fsyncs the folder, so a crash leaves either the whole object or none under its name. A put of
/// bytes is the same when asked to be durable (a level), else (a derived image) renamed into place without either fsync: see <see cref="IBlobStore.PutBytesAsync"/>.
/// </summary>
public sealed class FileSystemBlobStore(IOptions<PictorOptions> options, TempArea temp) : IBlobStore
{
    private readonly string _root = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "blobs");

    public Task PutFileAsync(string key, string localFile, CancellationToken cancellationToken)
    {
        var target = PathOf(key);
        var staged = localFile;
        if (!SameFileSystem(localFile))
        {
            staged = temp.NewPath();
            File.Copy(localFile, staged);
        }
        Durable.FlushFile(staged);
        MoveIntoPlace(staged, target, durably: true);
        return Task.CompletedTask;
    }

    public Task PutBytesAsync(string key, byte[] content, bool durably, CancellationToken cancellationToken)
    {
        var target = PathOf(key);
        var staged = temp.NewPath();
        try
        {
            using (var file = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                file.Write(content);
                if (durably) file.Flush(flushToDisk: true);
            }
            MoveIntoPlace(staged, target, durably);
        }
        finally
        {
            TempArea.TryDelete(staged); // gone already once moved into place
        }
        return Task.CompletedTask;
    }

    /// <summary>Renames a file in the temp area (so on the same file system) to its key; <paramref name="durably"/>, syncs the folder too.</summary>
    private static void MoveIntoPlace(string staged, string target, bool durably)
    {
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        try
        {
            File.Move(staged, target, overwrite: true);
        }
        catch (DirectoryNotFoundException)
        {
            // A delete emptied and removed the shard folder between our create and the rename.
            Directory.CreateDirectory(folder);
            File.Move(staged, target, overwrite: true);
        }
        if (durably) Durable.FlushDirectory(folder);
    }

    public Task<BlobStream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var stream = new FileStream(PathOf(key), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
                Options = FileOptions.SequentialScan,
            });
            return Task.FromResult<BlobStream?>(new BlobStream(stream, stream.Length));
        }
        catch (FileNotFoundException) { return Task.FromResult<BlobStream?>(null); }
        catch (DirectoryNotFoundException) { return Task.FromResult<BlobStream?>(null); }
    }

    public Task<LocalBlob?> GetLocalFileAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return Task.FromResult(File.Exists(path) ? new LocalBlob(path, temporary: false) : null);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            File.Delete(path); // no error when the file is missing…
        }
        catch (DirectoryNotFoundException)
        {
            return Task.CompletedTask; // …nor when its folder is: a crash before the write, or the last blob of the shard went
        }
        RemoveEmptyParents(Path.GetDirectoryName(path)!);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<BlobEntry> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_root)) yield break;
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var info = new FileInfo(file);
            if (!info.Exists) continue;
            var key = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            yield return new BlobEntry(key, info.Length, info.LastWriteTimeUtc);
        }
        await Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        BlobKeys.EnsureWellFormed(key);
        return Path.Combine(_root, key);
    }

    private bool SameFileSystem(string localFile) =>
        localFile.StartsWith(temp.Root, StringComparison.Ordinal)
        && Path.GetDirectoryName(temp.Root) == Path.GetDirectoryName(_root);

    private void RemoveEmptyParents(string folder)
    {
        // Keep the tree from filling with empty shard folders; a racing put recreates what it needs.
        while (folder.Length > _root.Length && folder.StartsWith(_root, StringComparison.Ordinal))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(folder).Any()) return;
                Directory.Delete(folder);
            }
            catch (IOException) { return; }
            catch (UnauthorizedAccessException) { return; }
            folder = Path.GetDirectoryName(folder)!;
        }
    }
}
