using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pictor.Hosting;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Hostile;

/// <summary>
/// A server whose slow-client limits are shortened through Kestrel:Limits, so cut-offs happen in seconds.
/// The response rate is high because Kestrel allows a response (bytes written so far) ÷ rate seconds in all,
/// and the kernel takes megabytes into its buffers before a stalled reader holds the server up.
/// </summary>
public sealed class SlowClientServer : ServerProcessFixture
{
    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Kestrel:Limits:MinRequestBodyDataRate:BytesPerSecond"] = "1024",
        ["Kestrel:Limits:MinRequestBodyDataRate:GracePeriod"] = "00:00:02",
        ["Kestrel:Limits:MinResponseDataRate:BytesPerSecond"] = "10485760",
        ["Kestrel:Limits:MinResponseDataRate:GracePeriod"] = "00:00:02",
        ["Kestrel:Limits:RequestHeadersTimeout"] = "00:00:02",
    };
}

/// <summary>
/// Clients that send their headers or body a few bytes at a time, or never read their response, are cut
/// off by Kestrel's timeouts and minimum data rates; what they left (temp files) goes; everybody else
/// is served meanwhile.
/// </summary>
public sealed class SlowClientTests(SlowClientServer server, ITestOutputHelper output) : IClassFixture<SlowClientServer>
{
    private static readonly TimeSpan CutOffBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_limits_are_set_explicitly_and_an_operator_can_change_them()
    {
        using var defaults = new PictorFactory();
        var limits = defaults.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        Assert.Equal(KestrelLimits.MinBytesPerSecond, limits.MinRequestBodyDataRate!.BytesPerSecond);
        Assert.Equal(KestrelLimits.DataRateGracePeriod, limits.MinRequestBodyDataRate.GracePeriod);
        Assert.Equal(KestrelLimits.MinBytesPerSecond, limits.MinResponseDataRate!.BytesPerSecond);
        Assert.Equal(KestrelLimits.RequestHeadersTimeout, limits.RequestHeadersTimeout);
        Assert.Equal(KestrelLimits.KeepAliveTimeout, limits.KeepAliveTimeout);

        using var tuned = new PictorFactory(new Dictionary<string, string?>
        {
            ["Kestrel:Limits:MinRequestBodyDataRate:BytesPerSecond"] = "4096",
            ["Kestrel:Limits:MinRequestBodyDataRate:GracePeriod"] = "00:00:03",
            ["Kestrel:Limits:MaxConcurrentConnections"] = "5000",
        });
        var changed = tuned.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        Assert.Equal(4096, changed.MinRequestBodyDataRate!.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(3), changed.MinRequestBodyDataRate.GracePeriod);
        Assert.Equal(5000, changed.MaxConcurrentConnections);
    }

    [Fact]
    public async Task A_body_that_trickles_in_is_cut_off_and_leaves_no_temp_file()
    {
        using var client = await RawHttp.ConnectAsync(server.Server.BaseAddress);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"PUT /original/trickle HTTP/1.1\r\nHost: {server.Server.BaseAddress.Authority}\r\nAuthorization: Bearer {PictorFactory.ApiKey}\r\nContent-Length: 200000\r\n\r\n"));
        await stream.WriteAsync(Corpus.Bytes("wuffs/hippopotamus.jpeg").AsMemory(0, 100));

        var started = Stopwatch.GetTimestamp();
        var answer = RawHttp.ReadResponseAsync(stream, new CancellationTokenSource(CutOffBound * 2).Token);
        while (!answer.IsCompleted && Stopwatch.GetElapsedTime(started) < CutOffBound * 2)
        {
            try { await stream.WriteAsync(new byte[8]); } catch (IOException) { break; } // 40 bytes a second
            await Task.WhenAny(answer, Task.Delay(200));
        }
        var response = await answer;
        var took = Stopwatch.GetElapsedTime(started);
        output.WriteLine($"trickled body cut off after {took.TotalSeconds:0.0} s: {response.Status} {response.Text}");

        Assert.Equal(408, response.Status);
        Assert.StartsWith("application/problem+json", response.Header("content-type"));
        Assert.True(took < CutOffBound, $"cut off only after {took}");
        await (await server.Client.GetAsync("/original/trickle")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(TempFiles());
        await server.AssertNoServerFaultsAsync();
    }

    [Fact]
    public async Task Headers_that_trickle_in_are_cut_off()
    {
        using var client = await RawHttp.ConnectAsync(server.Server.BaseAddress);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /healthz HTTP/1.1\r\nHost: {server.Server.BaseAddress.Authority}\r\nX-Slow: "));
        var started = Stopwatch.GetTimestamp();
        var closed = false;
        while (Stopwatch.GetElapsedTime(started) < CutOffBound * 2 && !closed)
        {
            try
            {
                await stream.WriteAsync("a"u8.ToArray());
                await Task.Delay(250);
                closed = client.Client.Poll(0, SelectMode.SelectRead); // readable: an answer or the close
            }
            catch (IOException) { closed = true; }
        }
        var took = Stopwatch.GetElapsedTime(started);
        output.WriteLine($"trickled headers cut off after {took.TotalSeconds:0.0} s");
        Assert.True(closed && took < CutOffBound, $"still open after {took}");
        await server.AssertNoServerFaultsAsync();
    }

    [Fact]
    public async Task A_client_that_never_reads_its_response_is_cut_off()
    {
        // Larger than the kernel buffers on both ends (up to 4 MB send, here 4 KB receive), so the server has to wait for the client.
        var big = Noise(1800, 1800);
        await server.Client.UploadOkAsync("big", big);

        using var client = new TcpClient { ReceiveBufferSize = 4096 };
        await client.ConnectAsync(server.Server.BaseAddress.Host, server.Server.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /original/big HTTP/1.1\r\nHost: {server.Server.BaseAddress.Authority}\r\nConnection: close\r\n\r\n"));
        await Task.Delay(CutOffBound / 2); // not reading

        long received = 0;
        var buffer = new byte[1 << 16];
        try
        {
            using var cancel = new CancellationTokenSource(CutOffBound * 2);
            int n;
            while ((n = await stream.ReadAsync(buffer, cancel.Token)) > 0) received += n;
        }
        catch (IOException) { } // reset by the server
        output.WriteLine($"stalled reader got {received:N0} of {big.Length:N0} bytes before the server gave up on it");
        Assert.True(received < big.Length, "the server waited for a client that did not read");
        Assert.Equal(big, await server.Client.GetByteArrayAsync("/original/big")); // others are still served
        await server.AssertNoServerFaultsAsync();
    }

    [Fact]
    public async Task Hundreds_of_stalled_connections_do_not_hold_up_other_clients()
    {
        var stalled = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 300; i++)
            {
                var c = await RawHttp.ConnectAsync(server.Server.BaseAddress);
                var head = i % 3 == 0
                    ? $"PUT /original/stall{i} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {PictorFactory.ApiKey}\r\nContent-Length: 100000\r\n\r\nabc"
                    : "GET /derived/pic-10x10.jpg HTTP/1.1\r\nHost: x\r\nX-Half: ";
                await c.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
                stalled.Add(c);
            }

            var started = Stopwatch.GetTimestamp();
            var client = server.Client;
            await client.UploadOkAsync("busy", Corpus.Bytes("wuffs/hippopotamus.jpeg"));
            var derived = await client.GetByteArrayAsync("/derived/busy-64x48.png");
            var served = Stopwatch.GetElapsedTime(started);
            output.WriteLine($"with {stalled.Count} stalled connections open, an upload and a derive took {served.TotalMilliseconds:0} ms");
            Assert.Equal((64, 48), Pixels.Size(derived));
            Assert.True(served < TimeSpan.FromSeconds(5), $"served only after {served}");

            await Task.Delay(CutOffBound / 2);
            var stillOpen = stalled.Count(c => !c.Client.Poll(0, SelectMode.SelectRead));
            Assert.True(stillOpen == 0, $"{stillOpen} stalled connections are still open");
            Assert.Empty(TempFiles());
        }
        finally
        {
            foreach (var c in stalled) c.Dispose();
        }
        await server.AssertNoServerFaultsAsync();
    }

    /// <summary>Files in the server's temp area other than the lock of its folder.</summary>
    private List<string> TempFiles() =>
        Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "tmp"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != ".lock").ToList();

    /// <summary>A PNG of random pixels: incompressible, so its size is about width × height × 3.</summary>
    private static byte[] Noise(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        new Random(42).NextBytes(pixels);
        using var image = NetVips.Image.NewFromMemory(pixels, width, height, 3, NetVips.Enums.BandFormat.Uchar);
        return image.PngsaveBuffer(compression: 1);
    }
}
