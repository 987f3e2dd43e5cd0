using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pictor.Metadata;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Derivation;

/// <summary>
/// <c>Pictor:Derivation:MaxStoredBytes</c>: under a cold-derive load the stored derived bytes end within the budget,
/// the least recently used go first, originals stay, and an evicted image comes back byte for byte on request.
/// </summary>
public abstract class EvictionTests<TBackend>(TBackend backend, ITestOutputHelper output) : IClassFixture<TBackend> where TBackend : PictorFactory
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
        await using var factory = await backend.NewAsync(new Dictionary<string, string?> { ["Pictor:Derivation:MaxStoredBytes"] = Budget.ToString() });
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

        await WaitAsync(async () => (await StatsAsync(client)).DerivedBytes <= Budget, $"derived bytes within {Budget}");
        var stats = await StatsAsync(client);
        Assert.Equal(Jpeg.Length, stats.Originals); // never evicted
        Assert.Equal(Jpeg, await client.GetByteArrayAsync($"/original/{id}"));
        await WaitAsync(async () => await client.CounterAsync("pictor_derived_evicted_total") == 49 - stats.DerivedCount, "the evictions counted");
        var evicted = 49 - stats.DerivedCount;
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

    [Fact]
    public async Task The_least_recently_used_goes_first_not_the_oldest()
    {
        const string id = "lru";
        string[] names = ["200x150", "201x151", "202x152", "203x153"];
        long[] sizes;
        await using (var probe = await backend.NewAsync())
        {
            var probeClient = probe.Client();
            await probeClient.UploadOkAsync(id, Jpeg);
            sizes = [.. await Task.WhenAll(names.Select(async n => (long)(await probeClient.GetByteArrayAsync($"/derived/{id}-{n}.jpg")).Length))];
        }
        // Room for the first three; the fourth needs one of them to go, and any one is enough.
        var budget = sizes[0] + sizes[1] + sizes[2] + Math.Max(0, sizes[3] - sizes.Take(3).Min());

        var clock = new ShiftedClock();
        await using var factory = await backend.NewAsync(new Dictionary<string, string?> { ["Pictor:Derivation:MaxStoredBytes"] = budget.ToString() });
        using var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PictorFactory.ApiKey);
        await client.UploadOkAsync(id, Jpeg);
        foreach (var n in names.Take(3)) await client.GetByteArrayAsync($"/derived/{id}-{n}.jpg");

        // Two minutes on, the oldest is used again: its use is recorded (at most once a minute), so the second is now the least recent.
        clock.Offset = TimeSpan.FromMinutes(2);
        await client.GetByteArrayAsync($"/derived/{id}-{names[0]}.jpg");
        await WaitAsync(async () => await LastAccessAsync(app, names[0]) > await LastAccessAsync(app, names[1]), "the use of the first recorded");

        await client.GetByteArrayAsync($"/derived/{id}-{names[3]}.jpg");
        await WaitAsync(async () => (await StatsAsync(client)).DerivedBytes <= budget, "derived bytes within the budget");
        var kept = (await (await client.GetAsync($"/original/{id}/metadata")).JsonAsync()).GetProperty("derived").EnumerateArray()
            .Select(d => d.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal([$"{id}-{names[0]}.jpg", $"{id}-{names[2]}.jpg", $"{id}-{names[3]}.jpg"], kept);
    }

    /// <summary>The recorded last use, read through the service's own catalogue (whichever database it is on).</summary>
    private static async Task<DateTime> LastAccessAsync(WebApplicationFactory<Program> app, string variant)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PictorDbContext>>().CreateDbContextAsync();
        return await db.Derived.Where(d => d.Variant == variant + ".jpg").Select(d => d.LastAccessAt).SingleAsync();
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited 60 s for {what}");
            await Task.Delay(100);
        }
    }
}
