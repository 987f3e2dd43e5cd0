using System.Diagnostics;
using System.Net.Http.Headers;

namespace Pictor.Soak;

/// <summary>
/// Many clients at once: uploads of real photos under new IDs, cold derives (a size never asked for
/// before, by pymager name or by transformation options), cached hits (a few popular names and option URLs of a
/// few popular images), <c>auto</c> with varying <c>Accept</c>, patches of tags and focal points, purges of
/// derived images, reads of originals and deletes that keep the number of originals about level.
/// </summary>
public sealed class MixedTraffic(HttpClient client, IReadOnlyList<byte[]> photos, Tally tally)
{
    private static readonly string[] Popular = ["200x150.jpg", "100x100.webp", "640x480.jpg", "320x240.png", "w_300,c_limit.webp", "w_96,h_96,g_auto.jpg"];
    private static readonly string[] Formats = ["jpg", "webp", "png", "avif"];
    private static readonly string[] Modes = ["fill", "fit", "limit", "pad"];
    private static readonly string[] Gravities = ["", ",g_north", ",g_south_east", ",g_auto", ",g_focus"];
    private static readonly string[] Accepts = ["image/avif,image/webp,*/*", "image/webp,*/*", "*/*", "image/png,image/*;q=0.8"];

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
                if (roll < 7) await UploadAsync(random);
                else if (roll < 12) await DeleteAsync(random);
                else if (roll < 24) await DeriveAsync(Operation.ColdDerive, random);
                else if (roll < 34) await DeriveAsync(Operation.OptionDerive, random);
                else if (roll < 80) await DeriveAsync(Operation.CachedDerive, random);
                else if (roll < 86) await DeriveAsync(Operation.AutoDerive, random);
                else if (roll < 90) await PatchAsync(random);
                else if (roll < 91) await PurgeAsync(random);
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
            // Cached hits and auto go to the ten newest originals; cold derives to any.
            id = kind is Operation.CachedDerive or Operation.AutoDerive ? _ids[^(1 + random.Next(Math.Min(10, _ids.Count)))] : _ids[random.Next(_ids.Count)];
        }
        var (w, h) = (random.Next(16, 1200), random.Next(16, 1200));
        var url = kind switch
        {
            Operation.ColdDerive => $"/derived/{id}-{w}x{h}.{Formats[random.Next(Formats.Length)]}",
            Operation.OptionDerive => $"/derived/{id}/w_{w},h_{h},c_{Modes[random.Next(Modes.Length)]}{Gravities[random.Next(Gravities.Length)]}" +
                $"{(random.Next(3) == 0 ? $",q_{random.Next(30, 95)}" : "")}{(random.Next(4) == 0 ? ",dpr_2" : "")}.{Formats[random.Next(Formats.Length)]}",
            Operation.AutoDerive => $"/derived/{id}/w_{(random.Next(2) == 0 ? 320 : 640)}.auto",
            _ => Popular[random.Next(Popular.Length)] is var name && name.Contains('_') ? $"/derived/{id}/{name}" : $"/derived/{id}-{name}",
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (kind == Operation.AutoDerive) request.Headers.TryAddWithoutValidation("Accept", Accepts[random.Next(Accepts.Length)]);
        await SendAsync(kind, request);
    }

    /// <summary>New tags and an attribute, and now and then a new focal point or none.</summary>
    private async Task PatchAsync(Random random)
    {
        var id = Pick(random);
        if (id is null) return;
        var focus = random.Next(3) switch
        {
            0 => $",\"focus\": {{\"x\": {random.NextDouble():0.00}, \"y\": {random.NextDouble():0.00}}}",
            1 => ",\"focus\": null",
            _ => "",
        };
        var body = $"{{\"tags\": [\"soak\", \"t{random.Next(20)}\"], \"attributes\": {{\"round\": \"{random.Next(1000)}\"}}{focus}}}";
        var content = new StringContent(body, System.Text.Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
        await SendAsync(Operation.Patch, new HttpRequestMessage(HttpMethod.Patch, $"/original/{id}") { Content = content });
    }

    /// <summary>Drops every derived image of one original; they are made again on request.</summary>
    private async Task PurgeAsync(Random random)
    {
        var id = Pick(random);
        if (id is null) return;
        await SendAsync(Operation.Purge, HttpMethod.Delete, $"/original/{id}/derived");
    }

    private string? Pick(Random random)
    {
        lock (_ids) return _ids.Count == 0 ? null : _ids[random.Next(_ids.Count)];
    }

    private async Task ReadOriginalAsync(Random random)
    {
        var id = Pick(random);
        if (id is null) return;
        await SendAsync(Operation.ReadOriginal, HttpMethod.Get, $"/original/{id}");
    }

    /// <summary>Sends, reads the whole body, and counts the status (404 is expected: a delete may win the race).</summary>
    private Task<int> SendAsync(Operation operation, HttpMethod method, string url, HttpContent? content = null) =>
        SendAsync(operation, new HttpRequestMessage(method, url) { Content = content });

    private async Task<int> SendAsync(Operation operation, HttpRequestMessage request)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        tally.Add(operation, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return (int)response.StatusCode;
    }
}
