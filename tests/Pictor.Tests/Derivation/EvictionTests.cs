using System.Net;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Derivation;

/// <summary>
/// <c>Pictor:Derivation:MaxStoredBytes</c>: under a cold-derive load the stored derived bytes end within the budget,
/// the least recently used go first, originals stay, and an evicted image comes back byte for byte on request.
/// </summary>
public sealed class EvictionTests(ITestOutputHelper output)
{
    private const long Budget = 40_000;
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");

    private static async Task<(long Originals, long DerivedCount, long DerivedBytes)> StatsAsync(HttpClient client)
    {
        var s = await (await client.GetAsync("/stats")).JsonAsync();
        return (s.GetProperty("originals").GetProperty("bytes").GetInt64(),
            s.GetProperty("derived").GetProperty("count").GetInt64(), s.GetProperty("derived").GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task A_cold_derive_load_ends_within_the_budget_and_an_evicted_image_comes_back_identical()
    {
        using var factory = new PictorFactory(new Dictionary<string, string?> { ["Pictor:Derivation:MaxStoredBytes"] = Budget.ToString() });
        var client = factory.Client();
        const string id = "evict";
        await client.UploadOkAsync(id, Jpeg);
        var first = $"/derived/{id}-200x150.jpg";
        var before = await client.GetByteArrayAsync(first); // the least recently used from here on

        // 48 more sizes, 4 at a time: several times the budget.
        var made = 0L;
        await Parallel.ForEachAsync(Enumerable.Range(1, 48), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var bytes = await client.GetByteArrayAsync($"/derived/{id}-{200 + i}x{150 + i}.jpg", ct);
            Interlocked.Add(ref made, bytes.Length);
        });
        Assert.True(made > 3 * Budget, $"the load made {made} bytes; it should be several times the budget of {Budget}");

        var deadline = DateTime.UtcNow.AddSeconds(60);
        var stats = await StatsAsync(client);
        while (stats.DerivedBytes > Budget)
        {
            Assert.True(DateTime.UtcNow < deadline, $"derived bytes still {stats.DerivedBytes} > {Budget} after 60 s");
            await Task.Delay(100);
            stats = await StatsAsync(client);
        }
        Assert.Equal(Jpeg.Length, stats.Originals); // never evicted
        Assert.Equal(Jpeg, await client.GetByteArrayAsync($"/original/{id}"));
        var evicted = await client.CounterAsync("pictor_derived_evicted_total");
        Assert.Equal(49 - stats.DerivedCount, evicted);
        output.WriteLine($"made {made} bytes in 49 derives; {stats.DerivedCount} kept, {stats.DerivedBytes} bytes (budget {Budget}); {evicted} evicted");

        var listed = (await (await client.GetAsync($"/original/{id}/metadata")).JsonAsync()).GetProperty("derived").EnumerateArray()
            .Select(d => d.GetProperty("url").GetString()).ToList();
        Assert.DoesNotContain(first, listed); // the least recently used went first

        var generated = await client.GeneratedAsync();
        var again = await client.GetAsync(first);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(before, await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(generated + 1, await client.GeneratedAsync());
    }
}
