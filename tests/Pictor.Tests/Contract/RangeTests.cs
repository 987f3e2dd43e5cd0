using System.Net;
using System.Net.Http.Headers;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

/// <summary>Range requests (RFC 9110 §14) on originals and derived images: 206, 416, If-Range; the bytes are slices of the whole.</summary>
public abstract class RangeTests<TBackend>(TBackend factory) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");
    private readonly HttpClient _client = factory.Client();

    private static string NewId() => "rg_" + Guid.NewGuid().ToString("N")[..12];

    private async Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestMessage> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        headers(request);
        return await _client.SendAsync(request);
    }

    private static async Task AssertPartialAsync(HttpResponseMessage response, byte[] whole, long from, long to)
    {
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        var range = response.Content.Headers.ContentRange!;
        Assert.Equal(("bytes", from, to, (long)whole.Length), (range.Unit, range.From!.Value, range.To!.Value, range.Length!.Value));
        Assert.Equal(to - from + 1, response.Content.Headers.ContentLength);
        Assert.Equal(whole[(int)from..(int)(to + 1)], await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Every case against one URL whose whole body is <paramref name="whole"/>.</summary>
    private async Task AssertRangesAsync(string path, byte[] whole)
    {
        var full = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("bytes", full.Headers.AcceptRanges.Single());
        Assert.Equal(whole, await full.Content.ReadAsByteArrayAsync());
        var etag = full.Headers.ETag!;
        var modified = full.Content.Headers.LastModified!.Value;
        long n = whole.Length;

        await AssertPartialAsync(await GetAsync(path, r => r.Headers.Range = new RangeHeaderValue(0, 99)), whole, 0, 99);
        await AssertPartialAsync(await GetAsync(path, r => r.Headers.Range = new RangeHeaderValue(null, 50)), whole, n - 50, n - 1);
        await AssertPartialAsync(await GetAsync(path, r => r.Headers.Range = new RangeHeaderValue(n - 70, null)), whole, n - 70, n - 1);
        await AssertPartialAsync(await GetAsync(path, r => r.Headers.Range = new RangeHeaderValue(10, n + 1000)), whole, 10, n - 1); // clipped
        await AssertPartialAsync(await GetAsync(path, r => r.Headers.Range = new RangeHeaderValue(null, n + 5)), whole, 0, n - 1);   // suffix longer than the body

        var beyond = await GetAsync(path, r => r.Headers.Range = new RangeHeaderValue(n, null));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyond.StatusCode);
        Assert.Equal($"bytes */{n}", beyond.Content.Headers.GetValues("Content-Range").Single());
        Assert.True(beyond.Headers.CacheControl!.NoStore);
        Assert.Equal("application/problem+json", beyond.Content.Headers.ContentType?.MediaType);

        // If-Range: a matching validator gets the range, a stale one the whole body.
        await AssertPartialAsync(await GetAsync(path, r => { r.Headers.Range = new RangeHeaderValue(5, 9); r.Headers.IfRange = new RangeConditionHeaderValue(etag); }), whole, 5, 9);
        await AssertPartialAsync(await GetAsync(path, r => { r.Headers.Range = new RangeHeaderValue(5, 9); r.Headers.IfRange = new RangeConditionHeaderValue(modified); }), whole, 5, 9);
        foreach (var stale in new[] { new RangeConditionHeaderValue(new EntityTagHeaderValue("\"0123456789abcdef\"")), new RangeConditionHeaderValue(modified.AddSeconds(-1)) })
        {
            var mismatch = await GetAsync(path, r => { r.Headers.Range = new RangeHeaderValue(5, 9); r.Headers.IfRange = stale; });
            Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
            Assert.Equal(whole, await mismatch.Content.ReadAsByteArrayAsync());
        }

        // Several ranges are answered with the whole body; a range the server cannot parse is ignored.
        var several = await GetAsync(path, r => { r.Headers.Range = new RangeHeaderValue(0, 9); r.Headers.Range.Ranges.Add(new RangeItemHeaderValue(20, 29)); });
        Assert.Equal(HttpStatusCode.OK, several.StatusCode);
        Assert.Equal(whole, await several.Content.ReadAsByteArrayAsync());
        var garbage = await GetAsync(path, r => r.Headers.TryAddWithoutValidation("Range", "bytes=abc"));
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        Assert.Equal(whole, await garbage.Content.ReadAsByteArrayAsync());

        // A conditional GET that matches is 304 whatever the range.
        var notModified = await GetAsync(path, r => { r.Headers.Range = new RangeHeaderValue(0, 9); r.Headers.IfNoneMatch.Add(etag); });
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Ranges_of_an_original()
    {
        var id = NewId();
        await _client.UploadOkAsync(id, Jpeg);
        await AssertRangesAsync($"/original/{id}", Jpeg);
    }

    [Fact]
    public async Task Ranges_of_a_derived_image_stored_and_just_made()
    {
        var id = NewId();
        await _client.UploadOkAsync(id, Jpeg);
        // The first request makes it and answers from memory: the range applies there too.
        var first = await GetAsync($"/derived/{id}-64x48.png", r => r.Headers.Range = new RangeHeaderValue(0, 9));
        Assert.Equal(HttpStatusCode.PartialContent, first.StatusCode);
        var firstBytes = await first.Content.ReadAsByteArrayAsync();
        var whole = await _client.GetByteArrayAsync($"/derived/{id}-64x48.png");
        Assert.Equal(whole[..10], firstBytes);
        await AssertRangesAsync($"/derived/{id}-64x48.png", whole);
    }
}
