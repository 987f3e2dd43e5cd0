using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Hostile;

/// <summary>A server with a 3 MB upload limit, one image operation at a time and two waiting.</summary>
public sealed class OverloadServer : ServerProcessFixture
{
    public const long MaxUploadBytes = 3_000_000;

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Pictor:Limits:MaxUploadBytes"] = MaxUploadBytes.ToString(CultureInfo.InvariantCulture),
        ["Pictor:Derivation:MaxConcurrent"] = "1",
        ["Pictor:Derivation:MaxQueue"] = "2",
    };
}

/// <summary>
/// Bodies over the limit get 413 without being stored or held in memory, whether their length is
/// declared or not; clients that hang up mid-upload leave nothing behind; image work beyond the
/// bounded queue gets 503 with Retry-After, and everything admitted is served whole.
/// </summary>
public sealed class OverloadTests(OverloadServer server, ITestOutputHelper output) : IClassFixture<OverloadServer>
{
    private const long MemoryBound = 50L * 1024 * 1024;

    [Theory]
    [InlineData("PUT", "application/octet-stream")]
    [InlineData("POST", "multipart/form-data; boundary=xyz")]
    public async Task A_declared_oversize_body_is_413_before_any_of_it_is_read(string method, string contentType)
    {
        using var client = await RawHttp.ConnectAsync(server.Server.BaseAddress);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"{method} /original/huge HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {PictorFactory.ApiKey}\r\nContent-Type: {contentType}\r\nContent-Length: 100000000000\r\n\r\n"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var response = await RawHttp.ReadResponseAsync(stream, cancel.Token); // nothing of the body was sent
        output.WriteLine($"{method} declaring 100 GB: {response.Status} {response.Text}");
        Assert.Equal(413, response.Status);
        Assert.StartsWith("application/problem+json", response.Header("content-type"));
        await AssertNothingKeptAsync("huge");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_chunked_body_that_grows_past_the_limit_is_413_and_never_buffered(bool multipart)
    {
        ProcessMemory.ResetPeak(server.ProcessId);
        var before = ProcessMemory.Resident(server.ProcessId);
        using var client = await RawHttp.ConnectAsync(server.Server.BaseAddress);
        // Bytes sent stand for bytes the server read only if the kernel cannot hold many unread: loopback's
        // default send buffer grows to megabytes (one full run counted 9 MB "sent" before a 413).
        client.Client.SendBufferSize = 64 * 1024;
        var stream = client.GetStream();
        var type = multipart ? "multipart/form-data; boundary=xyz" : "application/octet-stream";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"{(multipart ? "POST" : "PUT")} /original/endless HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {PictorFactory.ApiKey}\r\nContent-Type: {type}\r\nTransfer-Encoding: chunked\r\n\r\n"));
        if (multipart) await WriteChunkAsync(stream, Encoding.ASCII.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n"));

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var answer = RawHttp.ReadResponseAsync(stream, cancel.Token);
        var jpeg = Corpus.Bytes("bench/harvesters-2725x2225.jpg");
        long sent = 0;
        while (!answer.IsCompleted && sent < 20 * OverloadServer.MaxUploadBytes)
        {
            try { await WriteChunkAsync(stream, jpeg.AsMemory((int)(sent % (jpeg.Length - 65536)), 65536)); }
            catch (IOException) { break; } // the server stopped reading and closed
            sent += 65536;
        }
        var response = await answer;
        var growth = ProcessMemory.PeakResident(server.ProcessId) - before;
        output.WriteLine($"{(multipart ? "multipart" : "raw")} chunked body: {response.Status} after {sent:N0} bytes sent; peak RSS growth {ProcessMemory.Megabytes(growth)}");
        Assert.Equal(413, response.Status);
        Assert.True(sent < 3 * OverloadServer.MaxUploadBytes, $"the server read {sent:N0} bytes before refusing");
        Assert.True(growth < MemoryBound, $"resident memory grew by {ProcessMemory.Megabytes(growth)}");
        await AssertNothingKeptAsync("endless");
    }

    [Fact]
    public async Task A_client_that_hangs_up_mid_upload_leaves_nothing_and_is_no_server_fault()
    {
        foreach (var method in new[] { "PUT", "POST" })
        {
            using (var client = await RawHttp.ConnectAsync(server.Server.BaseAddress))
            {
                var stream = client.GetStream();
                var type = method == "POST" ? "multipart/form-data; boundary=xyz" : "image/jpeg";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    $"{method} /original/gone HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {PictorFactory.ApiKey}\r\nContent-Type: {type}\r\nContent-Length: 1000000\r\n\r\n"));
                if (method == "POST") await stream.WriteAsync(Encoding.ASCII.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n"));
                await stream.WriteAsync(Corpus.Bytes("bench/harvesters-2725x2225.jpg").AsMemory(0, 300_000));
                await Task.Delay(200);
                client.Client.LingerState = new LingerOption(true, 0); // close with a reset, as a dropped connection does
            }
            await Task.Delay(300);
            await AssertNothingKeptAsync("gone");
        }
    }

    [Fact]
    public async Task Image_work_beyond_the_queue_gets_503_with_Retry_After_and_the_rest_is_served_whole()
    {
        var client = server.Client;
        await client.UploadOkAsync("load", Corpus.Bytes("bench/harvesters-2725x2225.jpg"));
        var rejectedBefore = Rejected(await client.GetStringAsync("/metrics"));

        string[] formats = ["png", "webp", "jpg", "avif"];
        var sizes = Enumerable.Range(0, 24).Select(i => (W: 300 + 7 * i, H: 200 + 5 * i, Ext: formats[i % formats.Length])).ToList();
        var first = await Task.WhenAll(sizes.Select(s => client.GetAsync($"/derived/load-{s.W}x{s.H}.{s.Ext}")));
        var uploads = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => client.UploadAsync($"late{i}", Corpus.Bytes("wuffs/hippopotamus.jpeg"))));

        var busy = 0;
        for (var i = 0; i < sizes.Count; i++)
        {
            var response = first[i];
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                busy++;
                await AssertBusyAsync(response);
                continue;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal((sizes[i].W, sizes[i].H), Pixels.Size(await response.Content.ReadAsByteArrayAsync()));
        }
        var served = sizes.Count - busy;
        output.WriteLine($"{sizes.Count} derives at once with 1 running and 2 waiting: {served} served, {busy} told to retry; uploads: {string.Join(", ", uploads.Select(u => (int)u.StatusCode))}");
        Assert.InRange(busy, 1, sizes.Count - 3);
        Assert.Equal(busy + uploads.Count(u => u.StatusCode == HttpStatusCode.ServiceUnavailable), Rejected(await client.GetStringAsync("/metrics")) - rejectedBefore);
        for (var i = 0; i < uploads.Length; i++)
        {
            if (uploads[i].StatusCode == HttpStatusCode.Created) continue;
            await AssertBusyAsync(uploads[i]);
            await (await client.GetAsync($"/original/late{i}")).ProblemAsync(HttpStatusCode.NotFound);
        }

        // Coming back as told gets everything, one after another.
        for (var i = 0; i < sizes.Count; i++)
        {
            if (first[i].StatusCode == HttpStatusCode.OK) continue;
            var again = await client.GetByteArrayAsync($"/derived/load-{sizes[i].W}x{sizes[i].H}.{sizes[i].Ext}");
            Assert.Equal((sizes[i].W, sizes[i].H), Pixels.Size(again));
        }
        await server.AssertNoServerFaultsAsync(allowed: 503);
    }

    private static async Task AssertBusyAsync(HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.EndsWith("/busy", problem.GetProperty("type").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After: {response.Headers.RetryAfter}");
    }

    private static long Rejected(string metrics) =>
        long.Parse(Regex.Match(metrics, @"^pictor_imaging_rejected_total (\d+)$", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>No original under the ID, no temp file left, no 5xx.</summary>
    private async Task AssertNothingKeptAsync(string id)
    {
        await (await server.Client.GetAsync($"/original/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        var temp = Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "tmp"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != ".lock").ToList();
        Assert.True(temp.Count == 0, $"left in the temp area: {string.Join(", ", temp)}");
        await server.AssertNoServerFaultsAsync(allowed: 503);
    }

    private static async Task WriteChunkAsync(Stream stream, ReadOnlyMemory<byte> data)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{data.Length:X}\r\n"));
        await stream.WriteAsync(data);
        await stream.WriteAsync("\r\n"u8.ToArray());
    }
}
