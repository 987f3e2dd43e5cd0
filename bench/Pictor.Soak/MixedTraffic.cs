using System.Diagnostics;
using System.Net.Http.Headers;

namespace Pictor.Soak;

/// <summary>
/// Many clients at once: uploads of real photos under new IDs, cold derives (a size never asked for
/// before), cached hits (a few popular sizes of a few popular images), reads of originals and deletes
/// that keep the number of originals about level.
/// </summary>
public sealed class MixedTraffic(HttpClient client, IReadOnlyList<byte[]> photos, Tally tally)
{
    private static readonly (int W, int H, string Ext)[] PopularSizes = [(200, 150, "jpg"), (100, 100, "webp"), (640, 480, "jpg"), (320, 240, "png")];
    private static readonly string[] Formats = ["jpg", "webp", "png", "avif"];

    private readonly List<string> _ids = [];
    private int _next;

    public async Task SeedAsync(int originals)
    {
        for (var i = 0; i < originals; i++) await UploadAsync(new Random(i));
    }

    public Task RunAsync(int clients, DateTime until) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(new Random(1000 + c), until))));

    private async Task ClientAsync(Random random, DateTime until)
    {
        while (DateTime.UtcNow < until)
        {
            var roll = random.Next(100);
            try
            {
                if (roll < 8) await UploadAsync(random);
                else if (roll < 14) await DeleteAsync(random);
                else if (roll < 36) await DeriveAsync(Operation.ColdDerive, random);
                else if (roll < 94) await DeriveAsync(Operation.CachedDerive, random);
                else await ReadOriginalAsync(random);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                tally.TransportError();
            }
        }
    }

    private async Task UploadAsync(Random random)
    {
        var id = $"soak{Interlocked.Increment(ref _next)}";
        var content = new ByteArrayContent(photos[random.Next(photos.Count)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var status = await SendAsync(Operation.Upload, HttpMethod.Post, $"/original/{id}", new MultipartFormDataContent { { content, "file", "photo" } });
        if (status == 201) lock (_ids) _ids.Add(id);
    }

    /// <summary>Deletes one of the older originals, so the popular (newest) ones stay.</summary>
    private async Task DeleteAsync(Random random)
    {
        string id;
        lock (_ids)
        {
            if (_ids.Count < 30) return;
            id = _ids[random.Next(_ids.Count - 20)];
            _ids.Remove(id);
        }
        await SendAsync(Operation.Delete, HttpMethod.Delete, $"/original/{id}");
    }

    private async Task DeriveAsync(Operation kind, Random random)
    {
        string id;
        lock (_ids)
        {
            if (_ids.Count == 0) return;
            // Cached hits go to the ten newest originals; cold derives to any.
            id = kind == Operation.CachedDerive ? _ids[^(1 + random.Next(Math.Min(10, _ids.Count)))] : _ids[random.Next(_ids.Count)];
        }
        var (w, h, ext) = kind == Operation.CachedDerive
            ? PopularSizes[random.Next(PopularSizes.Length)]
            : (random.Next(16, 1200), random.Next(16, 1200), Formats[random.Next(Formats.Length)]);
        await SendAsync(kind, HttpMethod.Get, $"/derived/{id}-{w}x{h}.{ext}");
    }

    private async Task ReadOriginalAsync(Random random)
    {
        string id;
        lock (_ids)
        {
            if (_ids.Count == 0) return;
            id = _ids[random.Next(_ids.Count)];
        }
        await SendAsync(Operation.ReadOriginal, HttpMethod.Get, $"/original/{id}");
    }

    /// <summary>Sends, reads the whole body, and counts the status (404 is expected: a delete may win the race).</summary>
    private async Task<int> SendAsync(Operation operation, HttpMethod method, string url, HttpContent? content = null)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = content });
        await response.Content.ReadAsByteArrayAsync();
        tally.Add(operation, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return (int)response.StatusCode;
    }
}
