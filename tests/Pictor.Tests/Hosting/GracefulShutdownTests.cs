using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Hosting;

/// <summary>
/// SIGTERM to the real server process (which has re-executed itself for MALLOC_ARENA_MAX, keeping its PID): new
/// connections are refused at once, an upload and a derive in flight complete, and the process exits 0.
/// </summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output)
{
    private static readonly byte[] Large = Corpus.Bytes("bench/harvesters-4032x3024.jpg");
    private static readonly byte[] Png = Corpus.Bytes("wuffs/hat.png");

    [Fact]
    public async Task SIGTERM_refuses_new_connections_completes_the_upload_and_derive_in_flight_and_exits_0()
    {
        using var data = new TempFolder("pictor-sigterm");
        var settings = new Dictionary<string, string>
        {
            ["Pictor:DataDirectory"] = data.Path,
            ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
            ["Pictor:Shutdown:DrainSeconds"] = "30",
            ["Pictor:Shutdown:IdleConnectionSeconds"] = "2",
        };
        await using var server = await PictorProcess.StartAsync(settings);
        using var client = server.Client();
        await client.UploadOkAsync("large", Large);

        // An upload whose body is held back until after SIGTERM, and a derive that takes seconds.
        var release = new TaskCompletionSource();
        var upload = client.PutAsync("/original/slow", new HeldBackContent(Png, 100, () => release.Task));
        var derive = client.GetAsync("/derived/large-3000x2250.webp");
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(upload.IsCompleted);
        Assert.False(derive.IsCompleted, "the derive should still be running when SIGTERM arrives");

        var clock = Stopwatch.StartNew();
        server.Terminate();
        Assert.True(await RefusesConnectionsAsync(server.Port, TimeSpan.FromSeconds(15)), "new connections are still accepted after SIGTERM");
        Assert.False(server.HasExited);
        release.SetResult();

        using (var uploaded = await upload) Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        using (var derived = await derive)
        {
            Assert.Equal(HttpStatusCode.OK, derived.StatusCode);
            Assert.Equal((3000, 2250), Pixels.Size(await derived.Content.ReadAsByteArrayAsync()));
            output.WriteLine($"derive answered {clock.Elapsed.TotalSeconds:F1} s after SIGTERM");
        }
        var exit = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
        output.WriteLine($"exited with {exit} {clock.Elapsed.TotalSeconds:F1} s after SIGTERM");
        output.WriteLine(server.Log);
        Assert.Equal(0, exit);
        Assert.Contains("Drained in", server.Log);

        // What was acknowledged during the drain is there after a restart.
        await using var restarted = await PictorProcess.StartAsync(settings);
        using var again = restarted.Client();
        Assert.Equal(Png, await again.GetByteArrayAsync("/original/slow"));
    }

    /// <summary>
    /// A kept-alive connection idle at SIGTERM (as nginx keeps them) is not closed under its client: a request sent
    /// on it during the drain is served, with <c>Connection: close</c>. Kestrel's own stop closes idle connections at
    /// once, and nginx does not resend a POST it wrote to a connection that closed.
    /// </summary>
    [Fact]
    public async Task A_request_on_a_kept_alive_connection_during_the_drain_is_served_and_closes_it()
    {
        using var data = new TempFolder("pictor-sigterm-idle");
        var settings = new Dictionary<string, string>
        {
            ["Pictor:DataDirectory"] = data.Path,
            ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
            ["Pictor:Shutdown:IdleConnectionSeconds"] = "10",
        };
        await using var server = await PictorProcess.StartAsync(settings);
        var opened = 0;
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            ConnectCallback = async (context, cancellationToken) =>
            {
                Interlocked.Increment(ref opened);
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        }) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PictorFactory.ApiKey);
        using (var first = await client.GetAsync("/healthz")) Assert.False(first.Headers.ConnectionClose == true);

        var clock = Stopwatch.StartNew();
        server.Terminate();
        Assert.True(await RefusesConnectionsAsync(server.Port, TimeSpan.FromSeconds(15)), "new connections are still accepted after SIGTERM");
        using (var during = await client.UploadAsync("during-drain", Png))
        {
            Assert.Equal(HttpStatusCode.Created, during.StatusCode);
            Assert.True(during.Headers.ConnectionClose, "a response during the drain closes its connection");
        }
        Assert.Equal(1, opened); // the same connection, not a new one
        var exit = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
        output.WriteLine($"exited with {exit} {clock.Elapsed.TotalSeconds:F1} s after SIGTERM");
        Assert.Equal(0, exit);
    }

    /// <summary>Polls until a connection to the port is refused (the listener is unbound), or the time is up.</summary>
    private static async Task<bool> RefusesConnectionsAsync(int port, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, port);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }
}
