using System.Diagnostics;
using System.Net;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Cluster;

/// <summary>
/// The instance generating a derived image dies (SIGKILL): another takes the generation over once the
/// lease expires, the waiting request completes, and nothing half-made is left in the store.
/// </summary>
public sealed class TakeoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int LeaseSeconds = 3;
    private readonly TempFolder _dataCheck = new("pictor-check");
    private PictorCluster _cluster = null!;

    private ClusterStores Stores => _cluster.Stores;

    public Task InitializeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(DatabaseBackend.Postgres)]
    [InlineData(DatabaseBackend.MariaDb)]
    public async Task Kill_9_in_the_middle_of_a_generation_and_the_other_instance_completes_the_request(DatabaseBackend backend)
    {
        _cluster = await PictorCluster.StartAsync(2, new Dictionary<string, string>
        {
            ["Pictor:Derivation:LeaseSeconds"] = LeaseSeconds.ToString(),
            ["Pictor:Consistency:SweepIntervalSeconds"] = "1",
        }, backend);
        var (instanceA, instanceB) = (_cluster.Instances[0], _cluster.Instances[1]);
        var (a, b) = (instanceA.Client(), instanceB.Client());
        const string id = "takeover";
        const string variant = "1400x1050.avif"; // a few seconds of AVIF encoding: long enough to be killed in
        await a.UploadOkAsync(id, Corpus.Bytes("bench/harvesters-4032x3024.jpg"));
        var url = $"/derived/{id}-{variant}";

        var onA = a.GetAsync(url);
        var ownerA = await WaitForLeaseAsync(variant, except: null, TimeSpan.FromSeconds(30));
        var onB = b.GetAsync(url); // B finds the lease held and waits
        await Task.Delay(300);
        Assert.False(onA.IsCompleted, "A finished before it could be killed; pick a slower derive");
        Assert.Null(await Stores.QueryAsync<string>("SELECT \"Sha256\" FROM derived WHERE \"OriginalId\" = @id", ("id", id)));

        var sinceKill = Stopwatch.StartNew();
        instanceA.Kill();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => onA); // A's own client loses its connection
        var ownerB = await WaitForLeaseAsync(variant, except: ownerA, TimeSpan.FromSeconds(LeaseSeconds * 4));
        var takenOver = sinceKill.Elapsed;
        var response = await onB;
        var completed = sinceKill.Elapsed;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((1400, 1050), Pixels.Size(bytes));
        Assert.Equal(1, await b.GeneratedAsync());
        Assert.Equal(bytes, await b.GetByteArrayAsync(url)); // now stored: served, not generated again
        Assert.Equal(1, await b.GeneratedAsync());
        output.WriteLine($"lease {LeaseSeconds} s: taken over by B {takenOver.TotalSeconds:F2} s after kill -9 of A (owner {ownerA} → {ownerB}); " +
            $"B's waiting request answered 200 {completed.TotalSeconds:F2} s after the kill; {bytes.Length} bytes");
        // Bounded by the lease (plus polling and, on a loaded machine, scheduling): nobody waits forever.
        Assert.True(takenOver < TimeSpan.FromSeconds(LeaseSeconds + 5), $"takeover took {takenOver}");

        // What A left behind is due once its lease has run out, and B's sweeper removes it: the check is clean.
        var deadline = DateTime.UtcNow.AddSeconds(LeaseSeconds * 4);
        while (await Stores.QueryAsync<long>("SELECT count(*) FROM blob_journal") > 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        var (exitCode, report) = await PictorCommand.RunAsync(_cluster.SettingsFor(_dataCheck.Path), "check");
        Assert.True(exitCode == 0, report);
        Assert.Contains("consistent: 1 originals, 1 derived, 7 blobs", report); // the original's levels: 2048, 1448, 1024, 724, 512
    }

    /// <summary>Waits for a generation lease on <paramref name="variant"/> held by someone other than <paramref name="except"/>.</summary>
    private async Task<string> WaitForLeaseAsync(string variant, string? except, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var owner = await Stores.QueryAsync<string>(
                "SELECT \"LeaseOwner\" FROM derived WHERE \"Variant\" = @variant AND \"State\" = 0", ("variant", variant));
            if (owner is not null && owner != except) return owner;
            await Task.Delay(5);
        }
        throw new TimeoutException($"no new lease on {variant} within {timeout}:\n{string.Join("\n", _cluster.Instances.Select(i => i.Log))}");
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
        _dataCheck.Dispose();
    }
}
