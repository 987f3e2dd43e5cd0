using System.Runtime.InteropServices;
using NetVips;
using Pictor.Configuration;

namespace Pictor.Imaging;

/// <summary>Process-wide libvips settings for a server: untrusted loaders blocked, no operation cache.</summary>
public static partial class VipsRuntime
{
    private static int _configured;

    public static void Configure(DerivationOptions options, ILogger logger)
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1) return;
        if (!ModuleInitializer.VipsInitialized)
            throw new InvalidOperationException($"libvips failed to initialise: {ModuleInitializer.Exception?.Message}");

        NetVips.NetVips.BlockUntrusted = true;
        // A server sees each image once per derive: the operation cache only holds memory and file handles.
        Cache.Max = 0;
        Cache.MaxFiles = 0;
        Cache.MaxMem = 0;
        NetVips.NetVips.Concurrency = Math.Max(1, options.VipsConcurrency);
        TuneMalloc();

        // libvips warnings (e.g. on a corrupt upload being refused) belong in our log, not on stderr.
        Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message | Enums.LogLevelFlags.Info,
            (domain, level, message) => logger.LogDebug("{Domain}: {Message}", domain, message));
    }

    /// <summary>
    /// glibc's mmap threshold is dynamic: once a few large pixel buffers have been freed it rises (up to
    /// 32 MB), so later ones come from the heap, where they fragment it and are never returned. In the
    /// soak (bench/soak.sh) that made resident memory climb from 370 to 500 MB in five minutes; with the
    /// threshold fixed at 128 KB (which also stops it moving) it stays level around 250 MB.
    /// The number of arenas cannot be set from here: see <see cref="Hosting.MallocArenaLimit"/>.
    /// An operator's MALLOC_MMAP_THRESHOLD_ wins.
    /// </summary>
    private static void TuneMalloc()
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

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int param, int value);
}
