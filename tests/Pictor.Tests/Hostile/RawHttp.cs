using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Pictor.Tests.Hostile;

/// <summary>
/// HTTP/1.1 over a bare socket, for requests HttpClient will not send as written: raw NUL bytes and
/// dot segments in the target, bodies that trickle in, bodies that never end.
/// </summary>
public static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);

        public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
    }

    /// <summary>Sends <paramref name="target"/> byte for byte (Latin-1) as the request target, with Connection: close.</summary>
    public static async Task<Response> SendAsync(Uri server, string method, string target, string? authorization = null, TimeSpan? timeout = null)
    {
        var head = new StringBuilder()
            .Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(server.Authority).Append("\r\n")
            .Append("Connection: close\r\n");
        if (authorization is not null) head.Append("Authorization: ").Append(authorization).Append("\r\n");
        if (method is "POST" or "PUT") head.Append("Content-Length: 0\r\n");
        head.Append("\r\n");

        using var client = await ConnectAsync(server);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()));
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await ReadResponseAsync(stream, cancel.Token);
    }

    public static async Task<TcpClient> ConnectAsync(Uri server)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(server.Host, server.Port);
        return client;
    }

    /// <summary>Reads one response: status line, headers, and a body framed by Content-Length, chunks, or the close.</summary>
    public static async Task<Response> ReadResponseAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new ByteReader(stream);
        var statusLine = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("the server closed the connection without answering");
        var status = int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadLineAsync(cancellationToken) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        byte[] body;
        if (headers.TryGetValue("transfer-encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            var all = new MemoryStream();
            while (true)
            {
                var size = int.Parse((await reader.ReadLineAsync(cancellationToken))!.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0) break;
                all.Write(await reader.ReadExactlyAsync(size, cancellationToken));
                await reader.ReadLineAsync(cancellationToken);
            }
            body = all.ToArray();
        }
        else if (headers.TryGetValue("content-length", out var length))
        {
            body = await reader.ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture), cancellationToken);
        }
        else
        {
            body = status is 204 or 304 ? [] : await reader.ReadToEndAsync(cancellationToken);
        }
        return new Response(status, headers, body);
    }

    /// <summary>Reads lines and counted bytes from a stream without a StreamReader's read-ahead swallowing the body.</summary>
    private sealed class ByteReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[8192];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new MemoryStream();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken)) return line.Length == 0 ? null : Encoding.Latin1.GetString(line.ToArray());
                var b = _buffer[_start++];
                if (b == '\n') return Encoding.Latin1.GetString(line.ToArray()).TrimEnd('\r');
                line.WriteByte(b);
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
        {
            var result = new byte[count];
            var at = 0;
            while (at < count)
            {
                if (_start == _end && !await FillAsync(cancellationToken)) throw new EndOfStreamException($"the body ended after {at} of {count} bytes");
                var n = Math.Min(count - at, _end - _start);
                Array.Copy(_buffer, _start, result, at, n);
                (_start, at) = (_start + n, at + n);
            }
            return result;
        }

        public async Task<byte[]> ReadToEndAsync(CancellationToken cancellationToken)
        {
            var all = new MemoryStream();
            all.Write(_buffer, _start, _end - _start);
            _start = _end;
            await stream.CopyToAsync(all, cancellationToken);
            return all.ToArray();
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken);
            return _end > 0;
        }
    }
}
