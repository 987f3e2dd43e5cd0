using Microsoft.Extensions.Options;
using Pictor.Configuration;

namespace Pictor.Storage;

/// <summary>
/// Scratch files (uploads being received, encoded derived images, downloaded originals) under
/// <c>{DataDirectory}/tmp/{instance}</c>. Each instance holds an exclusive lock on its folder, so
/// start-up recovery can remove the folders of instances that are gone without touching live ones.
/// </summary>
public sealed class TempArea : IDisposable
{
    private const string LockFileName = ".lock";
    private readonly FileStream _lock;

    public TempArea(IOptions<PictorOptions> options)
    {
        Root = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "tmp");
        Folder = Path.Combine(Root, $"{Environment.ProcessId}-{BlobKeys.NewToken()}");
        Directory.CreateDirectory(Folder);
        // FileShare.None takes an advisory flock on Unix: released by the kernel if this process dies.
        _lock = new FileStream(Path.Combine(Folder, LockFileName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
    }

    public string Root { get; }

    public string Folder { get; }

    public string NewPath(string extension = "tmp") => Path.Combine(Folder, $"{Guid.NewGuid():N}.{extension}");

    /// <summary>Deletes the folders of instances that no longer hold their lock; returns how many files went.</summary>
    public int RemoveAbandoned()
    {
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            if (string.Equals(folder, Folder, StringComparison.Ordinal)) continue;
            try
            {
                using (new FileStream(Path.Combine(folder, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)) { }
            }
            catch (IOException)
            {
                continue; // a live instance holds it
            }
            removed += Directory.EnumerateFiles(folder).Count(f => Path.GetFileName(f) != LockFileName);
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        return removed;
    }

    /// <summary>Files other instances left behind, for the consistency check.</summary>
    public IEnumerable<string> AbandonedFiles()
    {
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            if (string.Equals(folder, Folder, StringComparison.Ordinal)) continue;
            bool live;
            try
            {
                using (new FileStream(Path.Combine(folder, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)) { }
                live = false;
            }
            catch (IOException)
            {
                live = true;
            }
            if (live) continue;
            foreach (var file in Directory.EnumerateFiles(folder))
                if (Path.GetFileName(file) != LockFileName) yield return file;
        }
    }

    public static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public void Dispose()
    {
        _lock.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
