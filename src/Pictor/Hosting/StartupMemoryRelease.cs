using Pictor.Imaging;

namespace Pictor.Hosting;

/// <summary>
/// Start-up leaves garbage nothing will collect soon: the migrations check, EF Core's model building, the
/// configuration and the routing tables make a few tens of megabytes of short-lived objects and native
/// allocations, and an idle server makes no new ones to trigger a collection. One aggressive, compacting
/// collection shortly after the server has started (which also returns the freed GC regions to the system)
/// and a malloc_trim hand them back: idle RSS 127 → 121 MB, and 149 → 140 MB after one 12 MP upload and
/// derive (bench/idle-rss.sh, bench/results/memory.md). It runs once, on a thread-pool thread, about a
/// second after start, when the first requests are rarely there yet; it takes a few milliseconds.
/// </summary>
internal static class StartupMemoryRelease
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    public static WebApplication ReleaseStartupMemory(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() => _ = ReleaseAsync(app.Lifetime.ApplicationStopping));
        return app;
    }

    private static async Task ReleaseAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(Delay, stopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
    }
}
