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
        LimitMallocArenas();

        // libvips warnings (e.g. on a corrupt upload being refused) belong in our log, not on stderr.
        Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message | Enums.LogLevelFlags.Info,
            (domain, level, message) => logger.LogDebug("{Domain}: {Message}", domain, message));
    }

    /// <summary>
    /// glibc's per-thread arenas fragment badly under libvips' allocation pattern (sharp: MALLOC_ARENA_MAX=2).
    /// And glibc raises its mmap threshold each time a large block is freed (up to 32 MiB), after which
    /// image-sized buffers come from the arenas and stay there; a fixed threshold hands them back to the
    /// kernel when freed (bench/: peak RSS under 12 MP cold derives ~8 MB lower).
    /// </summary>
    private static void LimitMallocArenas()
    {
        if (!OperatingSystem.IsLinux()) return;
        const int MArenaMax = -8;
        const int MMmapThreshold = -3;
        try
        {
            if (Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null) _ = Mallopt(MArenaMax, 2);
            if (Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is null) _ = Mallopt(MMmapThreshold, 128 * 1024);
        }
        catch (EntryPointNotFoundException) { }
        catch (DllNotFoundException) { }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int param, int value);
}
