using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pictor.Tests.Infrastructure;

/// <summary>What <see cref="FaultyProxy"/> does to a request it faults.</summary>
public enum ProxyFault
{
    /// <summary>Answers 500 InternalError without forwarding.</summary>
    Error500,

    /// <summary>Answers 503 ServiceUnavailable (S3's "slow down, try again") without forwarding.</summary>
    Error503,

    /// <summary>Resets the connection (RST) once the request head has arrived, forwarding nothing.</summary>
    Reset,

    /// <summary>Holds the request for <see cref="FaultyProxy.StallFor"/>, then forwards it.</summary>
    Stall,
}

/// <summary>
/// A loopback HTTP/1.1 proxy in front of an object store whose behaviour a test switches while it runs: each
/// request passes through, or with probability <see cref="Rate"/> gets one of <see cref="Faults"/>. Every
/// connection carries one request (the forwarded head says <c>Connection: close</c>), so the decision is per
/// request even though the client keeps connections alive. Counts what it saw.
/// </summary>
public sealed class FaultyProxy : IDisposable
{
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    private readonly TcpListener _listener;
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly Lock _gate = new();
    private readonly Random _random = new(16);
    private ProxyFault[] _faults = [];
    private double _rate;

    private FaultyProxy(Uri upstream)
    {
        _upstream = new IPEndPoint(IPAddress.Parse(upstream.Host), upstream.Port);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _ = AcceptAsync();
    }

    public string Url { get; }

    public TimeSpan StallFor { get; set; } = TimeSpan.FromSeconds(5);

    public static FaultyProxy Start(string upstreamUrl) => new(new Uri(upstreamUrl));

    /// <summary>From now on, faults each request with probability <paramref name="rate"/>, picking one of <paramref name="faults"/> at random.</summary>
    public void Inject(double rate, params ProxyFault[] faults)
    {
        lock (_gate)
        {
            _rate = rate;
            _faults = faults;
        }
    }

    public void PassThrough() => Inject(0);

    /// <summary>Requests seen, by method, and what was done to them (<c>pass</c> or a fault's name).</summary>
    public IReadOnlyDictionary<string, int> Counts => new Dictionary<string, int>(_counts);

    public int Count(string name) => _counts.GetValueOrDefault(name);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private ProxyFault? Decide()
    {
        lock (_gate)
            return _faults.Length > 0 && _random.NextDouble() < _rate ? _faults[_random.Next(_faults.Length)] : null;
    }

    private async Task ServeAsync(Socket client)
    {
        using var _ = client;
        try
        {
            var (head, extra) = await ReadHeadAsync(client);
            if (head is null) return;
            var lines = head.Split("\r\n");
            var method = lines[0].Split(' ')[0];
            Add("requests");
            Add("requests " + method);
            var fault = Decide();
            Add(fault?.ToString() ?? "pass");
            switch (fault)
            {
                case ProxyFault.Reset:
                    client.LingerState = new LingerOption(true, 0);
                    client.Close();
                    return;
                case ProxyFault.Error500:
                case ProxyFault.Error503:
                    await AnswerErrorAsync(client, lines, method, extra, fault == ProxyFault.Error500);
                    return;
                case ProxyFault.Stall:
                    await Task.Delay(StallFor, _stop.Token);
                    break;
            }
            await ForwardAsync(client, lines, extra);
        }
        catch (Exception)
        {
            // The client gave up (a timeout) or the store went away: the connection ends, as a broken one would.
        }
    }

    private void Add(string name) => _counts.AddOrUpdate(name, 1, (_, n) => n + 1);

    private async Task<(string? Head, byte[] Extra)> ReadHeadAsync(Socket client)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var n = await client.ReceiveAsync(chunk, SocketFlags.None, _stop.Token);
            if (n == 0) return (null, []);
            buffer.Write(chunk, 0, n);
            var all = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            var end = all.IndexOf(HeadEnd);
            if (end >= 0) return (Encoding.ASCII.GetString(all[..end]), all[(end + HeadEnd.Length)..].ToArray());
            if (buffer.Length > 64 * 1024) return (null, []);
        }
    }

    private static string? Header(string[] lines, string name) =>
        lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim()).FirstOrDefault();

    /// <summary>Answers as S3 does when it fails, after taking in the body (unless the client waits for 100-continue), so the client reads the answer, not a reset.</summary>
    private async Task AnswerErrorAsync(Socket client, string[] lines, string method, byte[] extra, bool internalError)
    {
        var expectsContinue = Header(lines, "Expect")?.Contains("100-continue", StringComparison.OrdinalIgnoreCase) == true;
        if (!expectsContinue && long.TryParse(Header(lines, "Content-Length"), out var length))
        {
            var left = length - extra.Length;
            var sink = new byte[64 * 1024];
            while (left > 0)
            {
                var n = await client.ReceiveAsync(sink.AsMemory(0, (int)Math.Min(sink.Length, left)), SocketFlags.None, _stop.Token);
                if (n == 0) break;
                left -= n;
            }
        }
        var (status, code) = internalError ? ("500 Internal Server Error", "InternalError") : ("503 Service Unavailable", "ServiceUnavailable");
        var body = method == "HEAD" ? "" : $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>Injected by the test's proxy.</Message></Error>";
        var response = $"HTTP/1.1 {status}\r\nContent-Type: application/xml\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
        await client.SendAsync(Encoding.UTF8.GetBytes(response), SocketFlags.None, _stop.Token);
        client.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Forwards the request with <c>Connection: close</c> and relays both ways until the store closes.</summary>
    private async Task ForwardAsync(Socket client, string[] lines, byte[] extra)
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await upstream.ConnectAsync(_upstream, _stop.Token);
        var head = new StringBuilder();
        head.Append(lines[0]).Append("\r\n");
        foreach (var line in lines.Skip(1).Where(l => !l.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase)))
            head.Append(line).Append("\r\n");
        head.Append("Connection: close\r\n\r\n");
        await upstream.SendAsync(Encoding.ASCII.GetBytes(head.ToString()), SocketFlags.None, _stop.Token);
        if (extra.Length > 0) await upstream.SendAsync(extra, SocketFlags.None, _stop.Token);

        using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var up = RelayAsync(client, upstream, done.Token);
        await RelayAsync(upstream, client, done.Token);
        await done.CancelAsync();
        try { await up; } catch (OperationCanceledException) { }
        client.Shutdown(SocketShutdown.Send);
    }

    private static async Task RelayAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var n = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (n == 0) return;
            await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, cancellationToken);
        }
    }
}
