using System.Net;
using NetVips;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Crash;

/// <summary>
/// Clients doing what clients do, concurrently, until told the server is being killed: upload new
/// originals, replace and delete their own, read originals, ask for derived images (new sizes and
/// ones already made). Every answer is recorded in the <see cref="Ledger"/>; every image received in
/// full is checked to be whole: it decodes, has the size asked for, and hashes to its ETag.
/// Each worker writes only its own IDs, so what it was told is the truth about them.
/// </summary>
public sealed class MixedLoad(HttpClient client, Ledger ledger, ImagePool images, LoadCounts counts, int seed)
{
    private static readonly (int W, int H)[] Sizes = [(64, 64), (120, 80), (200, 150), (90, 160), (300, 200), (33, 77), (256, 256), (150, 100)];
    private static readonly string[] Formats = ["jpg", "webp", "png"];

    private readonly List<string> _everyId = [];
    private volatile bool _killing;
    private int _nextId;

    public LoadCounts Counts => counts;

    /// <summary>Set just before the kill: from then on a failed request is the kill's doing, not a fault.</summary>
    public void Killing() => _killing = true;

    public void Resume(IEnumerable<string> presentIds)
    {
        _killing = false;
        lock (_everyId)
        {
            _everyId.Clear();
            _everyId.AddRange(presentIds);
        }
    }

    public Task RunAsync(int workers, int round) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkerAsync($"r{round}w{w}", new Random(seed * 1000 + round * 10 + w)))));

    private async Task WorkerAsync(string name, Random random)
    {
        var own = new List<string>();
        while (!_killing)
        {
            var roll = random.Next(100);
            try
            {
                if (roll < 30 || own.Count == 0) await UploadAsync($"{name}i{Interlocked.Increment(ref _nextId)}", own, random);
                else if (roll < 40) await ReplaceAsync(own[random.Next(own.Count)], random);
                else if (roll < 52) await DeleteAsync(own, random);
                else if (roll < 62) await ReadOriginalAsync(own[random.Next(own.Count)]);
                else await DeriveAsync(random);
            }
            catch (Exception e) when (_killing && e is HttpRequestException or TaskCanceledException or IOException)
            {
                Interlocked.Increment(ref Counts.Interrupted);
                return;
            }
        }
    }

    private async Task UploadAsync(string id, List<string> own, Random random)
    {
        var image = images.Pick(random);
        if (!await WriteAsync(id, image.Sha256, () => client.UploadAsync(id, image.Bytes), HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable)) return;
        Interlocked.Increment(ref Counts.Uploads);
        own.Add(id);
        lock (_everyId) _everyId.Add(id);
    }

    private async Task ReplaceAsync(string id, Random random)
    {
        var image = images.PickOtherThan(ledger.Possible(id).Single(), random);
        if (await WriteAsync(id, image.Sha256, () => client.PutRawAsync(id, image.Bytes), HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable))
            Interlocked.Increment(ref Counts.Replaces);
    }

    private async Task DeleteAsync(List<string> own, Random random)
    {
        var id = own[random.Next(own.Count)];
        own.Remove(id);
        await WriteAsync(id, null, () => client.DeleteAsync($"/original/{id}"), HttpStatusCode.NoContent);
        Interlocked.Increment(ref Counts.Deletes);
    }

    /// <summary>
    /// Sends a write of <paramref name="id"/> that would leave it holding <paramref name="sha256"/> (null: nothing).
    /// Answered with <paramref name="success"/>: that is now the truth. Cut by the kill: it may or may not be.
    /// </summary>
    private async Task<bool> WriteAsync(string id, string? sha256, Func<Task<HttpResponseMessage>> send, HttpStatusCode success, params HttpStatusCode[] refusals)
    {
        try
        {
            var response = await send();
            AssertStatus(response, [success, .. refusals]);
            if (response.StatusCode != success) return false;
            ledger.Acknowledge(id, sha256);
            return true;
        }
        catch when (_killing)
        {
            ledger.MayHaveHappened(id, sha256);
            throw;
        }
    }

    private async Task ReadOriginalAsync(string id)
    {
        var response = await client.GetAsync($"/original/{id}");
        AssertStatus(response, HttpStatusCode.OK);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(ledger.Possible(id).Single(), ImagePool.Hash(body));
        AssertEtagIsHash(response, body);
        Interlocked.Increment(ref Counts.OriginalsRead);
    }

    /// <summary>Any ID, any worker's: it may be gone or going (404), or the queue full (503); a 200 must be whole.</summary>
    private async Task DeriveAsync(Random random)
    {
        string id;
        lock (_everyId)
        {
            if (_everyId.Count == 0) return;
            id = _everyId[random.Next(_everyId.Count)];
        }
        var (w, h) = Sizes[random.Next(Sizes.Length)];
        var response = await client.GetAsync($"/derived/{id}-{w}x{h}.{Formats[random.Next(Formats.Length)]}");
        AssertStatus(response, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.ServiceUnavailable);
        if (response.StatusCode != HttpStatusCode.OK) return;
        var body = await response.Content.ReadAsByteArrayAsync();
        AssertWholeImage(body, w, h);
        AssertEtagIsHash(response, body);
        Interlocked.Increment(ref Counts.DerivedReceived);
    }

    /// <summary>Decodes every pixel, failing on any warning (truncation, corruption).</summary>
    public static void AssertWholeImage(byte[] body, int width, int height)
    {
        using var image = Image.NewFromBuffer(body, failOn: Enums.FailOn.Warning, access: Enums.Access.Sequential);
        Assert.Equal((width, height), (image.Width, image.Height));
        _ = image.Avg();
    }

    /// <summary>Pictor's strong ETag is the first 32 hex digits of the SHA-256 of the stored bytes.</summary>
    public static void AssertEtagIsHash(HttpResponseMessage response, byte[] body) =>
        Assert.Equal($"\"{ImagePool.Hash(body)[..32]}\"", response.Headers.ETag?.Tag);

    private void AssertStatus(HttpResponseMessage response, params HttpStatusCode[] expected)
    {
        if (expected.Contains(response.StatusCode)) return;
        if (_killing) throw new HttpRequestException($"answered {(int)response.StatusCode} while being killed");
        Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");
    }
}

/// <summary>What the clients were told, over all rounds.</summary>
public sealed class LoadCounts
{
    public int Uploads;
    public int Replaces;
    public int Deletes;
    public int OriginalsRead;
    public int DerivedReceived;
    public int Interrupted;

    public override string ToString() =>
        $"{Uploads} uploads answered 201, {Replaces} replaces answered 200, {Deletes} deletes answered 204, " +
        $"{OriginalsRead} originals and {DerivedReceived} derived images received and checked whole, {Interrupted} requests cut by kills";
}
