using System.Net;
using System.Text.Json;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

/// <summary>Storage you can see: <c>storedBytes</c> per original, <c>GET /stats</c> and the same totals in <c>/metrics</c>.</summary>
public abstract class StorageStatsTests<TBackend>(TBackend factory) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");
    private static readonly byte[] Png = Corpus.Bytes("wuffs/hat.png");
    private readonly HttpClient _client = factory.Client();

    private static string NewId() => "sb_" + Guid.NewGuid().ToString("N")[..12];

    private sealed record Totals(long Originals, long OriginalBytes, long Derived, long DerivedBytes, long TotalBytes);

    private async Task<Totals> StatsAsync()
    {
        var response = await factory.Client(PictorFactory.ReadKey).GetAsync("/stats");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var s = await response.JsonAsync();
        return new Totals(
            s.GetProperty("originals").GetProperty("count").GetInt64(), s.GetProperty("originals").GetProperty("bytes").GetInt64(),
            s.GetProperty("derived").GetProperty("count").GetInt64(), s.GetProperty("derived").GetProperty("bytes").GetInt64(),
            s.GetProperty("totalBytes").GetInt64());
    }

    private async Task<Totals> MetricsAsync() => new(
        await _client.CounterAsync("pictor_stored_originals"), await _client.CounterAsync("pictor_stored_original_bytes"),
        await _client.CounterAsync("pictor_stored_derived"), await _client.CounterAsync("pictor_stored_derived_bytes"),
        await _client.CounterAsync("pictor_stored_original_bytes") + await _client.CounterAsync("pictor_stored_derived_bytes"));

    private static (long Original, long Derived, long Total) StoredBytes(JsonElement metadata)
    {
        var s = metadata.GetProperty("storedBytes");
        return (s.GetProperty("original").GetInt64(), s.GetProperty("derived").GetInt64(), s.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Stored_bytes_of_an_original_are_the_sums_of_what_is_stored()
    {
        var id = NewId();
        var uploaded = await (await _client.UploadOkAsync(id, Jpeg)).JsonAsync();
        Assert.Equal((Jpeg.Length, 0L, Jpeg.Length), StoredBytes(uploaded));

        long derived = 0;
        foreach (var name in new[] { $"{id}-40x30.jpg", $"{id}-30x40.png", $"{id}-25x25.webp" })
            derived += (await _client.GetByteArrayAsync($"/derived/{name}")).Length;
        var metadata = await (await _client.GetAsync($"/original/{id}/metadata")).JsonAsync();
        Assert.Equal((Jpeg.Length, derived, Jpeg.Length + derived), StoredBytes(metadata));
        Assert.Equal(derived, metadata.GetProperty("derived").EnumerateArray().Sum(d => d.GetProperty("bytes").GetInt64()));
        var listed = (await (await _client.GetAsync($"/original?prefix={id}")).JsonAsync()).GetProperty("items").EnumerateArray().Single();
        Assert.Equal((Jpeg.Length, derived, Jpeg.Length + derived), StoredBytes(listed));

        // A replace drops the derived images and counts the new bytes.
        var replaced = await (await _client.PutRawAsync(id, Png)).JsonAsync();
        Assert.Equal((Png.Length, 0L, Png.Length), StoredBytes(replaced));
    }

    [Fact]
    public async Task Stats_and_metrics_totals_follow_uploads_derives_purges_and_deletes()
    {
        var before = await StatsAsync();
        Assert.Equal(before, await MetricsAsync());
        Assert.Equal(before.OriginalBytes + before.DerivedBytes, before.TotalBytes);

        string a = NewId(), b = NewId();
        await _client.UploadOkAsync(a, Jpeg);
        await _client.UploadOkAsync(b, Png);
        var derived = (await _client.GetByteArrayAsync($"/derived/{a}-40x30.jpg")).LongLength
            + (await _client.GetByteArrayAsync($"/derived/{a}-20x20.png")).LongLength
            + (await _client.GetByteArrayAsync($"/derived/{b}-20x20.webp")).LongLength;
        await _client.GetByteArrayAsync($"/derived/{a}-40x30.jpg"); // served again, not stored again

        var after = await StatsAsync();
        var expected = before with
        {
            Originals = before.Originals + 2, OriginalBytes = before.OriginalBytes + Jpeg.Length + Png.Length,
            Derived = before.Derived + 3, DerivedBytes = before.DerivedBytes + derived,
            TotalBytes = before.TotalBytes + Jpeg.Length + Png.Length + derived,
        };
        Assert.Equal(expected, after);
        Assert.Equal(expected, await MetricsAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/original/{a}/derived")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/original/{b}")).StatusCode);
        var purged = await StatsAsync();
        Assert.Equal(before.Originals + 1, purged.Originals);
        Assert.Equal(before.OriginalBytes + Jpeg.Length, purged.OriginalBytes);
        Assert.Equal((before.Derived, before.DerivedBytes), (purged.Derived, purged.DerivedBytes));
        Assert.Equal(purged, await MetricsAsync());
    }

    [Fact]
    public async Task Stats_need_a_key_of_scope_read_or_more()
    {
        await (await factory.AnonymousClient().GetAsync("/stats")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await factory.Client(PictorFactory.WriteKey).GetAsync("/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/stats")).StatusCode);
    }
}
