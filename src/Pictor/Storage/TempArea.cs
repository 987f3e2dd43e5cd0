using Microsoft.Extensions.Options;
using Pictor.Configuration;

namespace Pictor.Storage;

/// <summary>
/// Scratch files (uploads being received, encoded derived images, downloaded originals) under
/// <c>{DataDirectory}/tmp/{instance}</c>. Each instance holds an exclusive lock on its folder for as long
/// as its process lives, so the folder also says whether that instance is alive: recovery uses it to
/// finish a dead instance's work at once (<see cref="Consistency.Recovery"/>), and then removes the folder.
/// </summary>
public sealed class TempArea : IDisposable
{
    private const string LockFileName = ".lock";

    /// <summary>A folder whose lock file is missing is being set up, unless it has been like that this long.</summary>
    private static readonly TimeSpan SetUpTime = TimeSpan.FromMinutes(1);

    private readonly FileStream _lock;

    public TempArea(IOptions<PictorOptions> options)
    {
        Root = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "tmp");
        InstanceId = $"{Environment.ProcessId}-{BlobKeys.NewToken()}";
        Folder = Path.Combine(Root, InstanceId);
        Directory.CreateDirectory(Folder);
        // FileShare.None takes an advisory flock on Unix: released by the kernel if this process dies.
        _lock = new FileStream(Path.Combine(Folder, LockFileName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
    }

    public string Root { get; }

    /// <summary>This process among all that share the data directory: the name of its folder, unique per start.</summary>
    public string InstanceId { get; }

    public string Folder { get; }

    public string NewPath(string extension = "tmp") => Path.Combine(Folder, $"{Guid.NewGuid():N}.{extension}");

    /// <summary>The instances that used this data directory and whose process is gone (their lock is free).</summary>
    public IReadOnlyList<string> AbandonedInstances() =>
        Directory.EnumerateDirectories(Root)
            .Where(folder => !string.Equals(folder, Folder, StringComparison.Ordinal) && IsAbandoned(folder))
            .Select(Path.GetFileName)
            .ToList()!;

    /// <summary>Files the given dead instances left behind, for the consistency check.</summary>
    public IEnumerable<string> FilesOf(IEnumerable<string> instances) =>
        instances.SelectMany(instance => Directory.Exists(Path.Combine(Root, instance))
            ? Directory.EnumerateFiles(Path.Combine(Root, instance)).Where(f => Path.GetFileName(f) != LockFileName)
            : []);

    /// <summary>Deletes the folders of dead instances (only after their work in the database is settled); returns how many files went.</summary>
    public int Remove(IEnumerable<string> instances)
    {
        var removed = 0;
        foreach (var instance in instances)
        {
            var folder = Path.Combine(Root, instance);
            if (string.Equals(folder, Folder, StringComparison.Ordinal) || !Directory.Exists(folder)) continue;
            removed += FilesOf([instance]).Count();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        return removed;
    }

    private static bool IsAbandoned(string folder)
    {
        try
        {
            // Open, never create: creating it could race the owner's own CreateNew while it starts.
            using (new FileStream(Path.Combine(folder, LockFileName), FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
            return true;
        }
        catch (FileNotFoundException)
        {
            return Directory.GetCreationTimeUtc(folder) < DateTime.UtcNow - SetUpTime; // died while setting up
        }
        catch (DirectoryNotFoundException)
        {
            return false; // removed meanwhile
        }
        catch (IOException)
        {
            return false; // a live instance holds it
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
