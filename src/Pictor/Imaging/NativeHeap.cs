using System.Runtime.InteropServices;

namespace Pictor.Imaging;

/// <summary>glibc's heap, where libvips keeps its pixel buffers: how it is set up, and handing freed memory back.</summary>
internal static partial class NativeHeap
{
    /// <summary>
    /// glibc's mmap threshold is dynamic: once a few large pixel buffers have been freed it rises (up to
    /// 32 MB), so later ones come from the heap, where they fragment it and are never returned. In the
    /// soak (bench/soak.sh) that made resident memory climb from 370 to 500 MB in five minutes; with the
    /// threshold fixed at 128 KB (which also stops it moving) it stays level around 250 MB.
    /// The number of arenas cannot be set from here: see <see cref="Hosting.MallocArenaLimit"/>.
    /// An operator's MALLOC_MMAP_THRESHOLD_ wins.
    /// </summary>
    public static void Tune()
    {
        if (!OperatingSystem.IsLinux()) return;
        const int MMmapThreshold = -3;
        try
        {
            if (Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is null) _ = Mallopt(MMmapThreshold, 128 * 1024);
        }
        catch (EntryPointNotFoundException) { }
        catch (DllNotFoundException) { }
    }

    /// <summary>
    /// Gives the pages that freed pixel buffers left inside glibc's arenas back to the system
    /// (malloc_trim): after 32 derives of a 12 MP JPEG, resident memory went from 171 to 145 MB instead
    /// of staying at 169 MB. Costly if done often (after every derive: −10% throughput), so the imaging
    /// threads only call it once they have been idle for a moment.
    /// </summary>
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (EntryPointNotFoundException) { }
        catch (DllNotFoundException) { }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int param, int value);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
