using System.Diagnostics;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// A small tmpfs of its own, mounted for one test (the tests run as root, as CI does here), so that "disk full"
/// is real: writes fail with ENOSPC like on a full volume. Unmounted on dispose.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private readonly TempFolder _mountPoint = new("pictor-small-disk");
    private bool _mounted;

    public SmallDisk(int megabytes)
    {
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0755", "tmpfs", _mountPoint.Path);
        _mounted = true;
    }

    public string Path => _mountPoint.Path;

    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Fills the disk with a file of its own until <paramref name="leave"/> bytes are left; <see cref="Free"/> removes it.</summary>
    public void FillLeaving(long leave)
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        using var stream = new FileStream(filler, FileMode.Append, FileAccess.Write);
        var chunk = new byte[64 * 1024];
        while (FreeBytes > leave + chunk.Length)
        {
            stream.Write(chunk);
            stream.Flush();
        }
    }

    public void Free() => File.Delete(System.IO.Path.Combine(Path, "filler"));

    public void Dispose()
    {
        if (_mounted) Run("umount", "-l", _mountPoint.Path);
        _mounted = false;
        _mountPoint.Dispose();
    }

    private static void Run(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{command} did not start");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{command} {string.Join(' ', args)}' failed ({process.ExitCode}): {error} (the disk-full tests mount a tmpfs and need root)");
    }
}
