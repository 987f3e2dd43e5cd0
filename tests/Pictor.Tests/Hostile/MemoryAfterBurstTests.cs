using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Hostile;

/// <summary>
/// After a burst of derives, once the imaging threads are idle, the memory libvips freed goes back
/// to the system: a real server process's resident size drops well below the burst's peak instead of
/// staying there until the next burst.
/// </summary>
public sealed class MemoryAfterBurstTests(ServerProcessFixture server, ITestOutputHelper output) : IClassFixture<ServerProcessFixture>
{
    private const long ReturnedAtLeast = 12L * 1024 * 1024; // without the trim: 2-5 MB; with it: 20-27 MB

    [Fact]
    public async Task Memory_freed_by_a_burst_of_12_MP_derives_is_returned_once_idle()
    {
        await server.Client.UploadOkAsync("burst", Corpus.Bytes("bench/harvesters-4032x3024.jpg"));
        await server.Client.GetByteArrayAsync("/derived/burst-100x100.jpg"); // first use: JIT, libvips start-up

        ProcessMemory.ResetPeak(server.ProcessId);
        var sizes = Enumerable.Range(0, 32).Select(i => $"/derived/burst-{600 + i}x{450 + i}.jpg");
        await Parallel.ForEachAsync(sizes, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (path, ct) => await server.Client.GetByteArrayAsync(path, ct));
        var peak = ProcessMemory.PeakResident(server.ProcessId);

        var settled = ProcessMemory.Resident(server.ProcessId);
        for (var waited = 0; waited < 50 && peak - settled < ReturnedAtLeast; waited++)
        {
            await Task.Delay(100);
            settled = ProcessMemory.Resident(server.ProcessId);
        }
        output.WriteLine($"peak {ProcessMemory.Megabytes(peak)}, idle {ProcessMemory.Megabytes(settled)}");
        Assert.True(peak - settled >= ReturnedAtLeast,
            $"resident memory went from a peak of {ProcessMemory.Megabytes(peak)} only to {ProcessMemory.Megabytes(settled)} once idle");
        await server.AssertNoServerFaultsAsync();
    }
}
