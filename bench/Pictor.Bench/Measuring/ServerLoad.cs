namespace Pictor.Bench.Measuring;

/// <summary>Puts a load on a server and charges it what the server process spent: CPU and peak RSS.</summary>
public static class ServerLoad
{
    public static async Task<LoadResult> MeasureAsync(int pid, Func<Task<LoadResult>> load)
    {
        ProcessStats.ResetPeak(pid);
        var cpuBefore = ProcessStats.CpuSeconds(pid);
        var result = await load();
        // Requests cut off when wrk stopped may still be finishing: let them, so their CPU is counted.
        await Task.Delay(300);
        return result with { CpuSeconds = ProcessStats.CpuSeconds(pid) - cpuBefore, PeakRssKb = ProcessStats.PeakRssKb(pid) };
    }
}
