using System.Runtime.InteropServices;

namespace Pictor.Storage;

/// <summary>fsync for files and folders: a rename is only durable once its folder is synced.</summary>
internal static partial class Durable
{
    private const int ReadOnly = 0;
    private const int Directory = 0x10000; // O_DIRECTORY on Linux

    public static void FlushFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1);
        stream.Flush(flushToDisk: true);
    }

    public static void FlushDirectory(string path)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = Open(path, ReadOnly | Directory);
        if (fd < 0) throw new IOException($"open({path}) failed: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"fsync({path}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
