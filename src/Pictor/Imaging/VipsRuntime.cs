using NetVips;
using Pictor.Configuration;

namespace Pictor.Imaging;

/// <summary>Process-wide libvips settings for a server: untrusted loaders blocked, no operation cache.</summary>
public static class VipsRuntime
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
        NativeHeap.Tune();
        if (LibWebp.Available)
            logger.LogInformation("Still WebPs are decoded for derives by the system's libwebp {Version}", VersionText(LibWebp.Version));
        else
            logger.LogInformation("The system's libwebp (libwebp.so.7) was not found; WebPs are decoded by libvips alone");

        // libvips warnings (e.g. on a corrupt upload being refused) belong in our log, not on stderr.
        Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message | Enums.LogLevelFlags.Info,
            (domain, level, message) => logger.LogDebug("{Domain}: {Message}", domain, message));
    }

    private static string VersionText(int version) => $"{version >> 16}.{(version >> 8) & 0xff}.{version & 0xff}";
}
