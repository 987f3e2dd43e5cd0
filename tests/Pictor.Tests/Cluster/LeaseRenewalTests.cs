using System.Net;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Cluster;

/// <summary>
/// A live generation keeps its lease however long it takes: the lease can be short (fast takeover after a
/// crash) without a slow generation being taken over and done twice. Two in-process instances on one database.
/// </summary>
public sealed class LeaseRenewalTests
{
    [Theory]
    [InlineData(DatabaseBackend.Postgres)]
    [InlineData(DatabaseBackend.MariaDb)]
    public async Task A_generation_longer_than_its_lease_is_renewed_and_not_taken_over(DatabaseBackend backend)
    {
        var settings = new Dictionary<string, string?> { ["Pictor:Derivation:LeaseSeconds"] = "2" };
        await using var first = await ClusterFactory.StartAsync(settings, backend: backend);
        await using var second = first.Sibling(settings);
        var (one, two) = (first.Client(), second.Client());
        await one.UploadOkAsync("slow", Corpus.Bytes("bench/harvesters-4032x3024.jpg"));
        const string url = "/derived/slow-2000x1500.avif"; // seconds of AVIF encoding, longer than the lease

        var onFirst = one.GetAsync(url);
        var firstExpiry = await LeaseExpiryAsync(first.Stores, TimeSpan.FromSeconds(30));
        await Task.Delay(2600); // longer than the lease
        var laterExpiry = await LeaseExpiryAsync(first.Stores, TimeSpan.Zero);
        Assert.False(onFirst.IsCompleted, "the derive finished within the lease; pick a slower one");
        Assert.True(laterExpiry > firstExpiry, $"the lease was not renewed: {firstExpiry:O} then {laterExpiry:O}");

        var onSecond = await two.GetAsync(url); // must wait for the first, not take over
        var fromFirst = await onFirst;
        Assert.Equal(HttpStatusCode.OK, fromFirst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        Assert.Equal(await fromFirst.Content.ReadAsByteArrayAsync(), await onSecond.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, await one.GeneratedAsync());
        Assert.Equal(0, await two.GeneratedAsync());
    }

    private static async Task<DateTime> LeaseExpiryAsync(ClusterStores stores, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var expiry = await stores.QueryAsync<DateTime?>("SELECT \"LeaseExpiresAt\" FROM derived WHERE \"State\" = 0");
            if (expiry is { } found) return found;
            if (DateTime.UtcNow >= deadline) throw new TimeoutException("no generation lease in the database");
            await Task.Delay(5);
        }
    }
}
