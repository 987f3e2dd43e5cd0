using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Pictor.Api;
using Pictor.Configuration;
using Pictor.Problems;

namespace Pictor.Fetching;

/// <summary>
/// Fetches an image for upload by URL into a temp file. The URL and every redirect target (at most
/// <see cref="MaxRedirects"/>) must pass <see cref="FetchPolicy"/>; the address actually connected to is checked too
/// (<see cref="SocketsHttpHandler.ConnectCallback"/>), so a name that resolves, or re-resolves, to an internal address
/// is refused unless its host is listed by name. The body is bounded by <c>Pictor:Limits:MaxUploadBytes</c>, the whole
/// fetch by <c>Pictor:Fetch:TimeoutSeconds</c>. A URL that may not be fetched is 400 (<c>url-not-allowed</c>); a fetch
/// that fails is 422 (<c>fetch-failed</c>) naming the cause.
/// </summary>
public sealed class UrlFetcher : IDisposable
{
    public const int MaxRedirects = 3;

    private readonly FetchPolicy _policy;
    private readonly UploadReceiver _receiver;
    private readonly IOptions<FetchOptions> _options;
    private readonly IOptions<LimitsOptions> _limits;
    private readonly HttpClient _http;

    public UrlFetcher(FetchPolicy policy, UploadReceiver receiver, IOptions<FetchOptions> options, IOptions<LimitsOptions> limits)
    {
        (_policy, _receiver, _options, _limits) = (policy, receiver, options, limits);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // followed here, each target checked
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(Math.Max(1, options.Value.TimeoutSeconds)),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectAsync,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Pictor (upload by URL)");
    }

    /// <returns>A temp file holding the body; the caller deletes it.</returns>
    public async Task<string> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        _policy.Check(url);
        var seconds = _options.Value.TimeoutSeconds;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Accept.ParseAdd("image/*");
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    if (redirects == MaxRedirects) throw Failed($"{url} redirects more than {MaxRedirects} times.");
                    var location = response.Headers.Location ?? throw Failed($"{url} answered {status} without a Location.");
                    url = location.IsAbsoluteUri ? location : new Uri(url, location);
                    _policy.Check(url);
                    continue;
                }
                if (status is < 200 or > 299) throw Failed($"{url} answered {status} {response.ReasonPhrase}.");
                var max = _limits.Value.MaxUploadBytes;
                if (response.Content.Headers.ContentLength > max) throw TooLarge(url, max);
                await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
                return await _receiver.ReceiveAsync(body, () => TooLarge(url, max), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Failed($"Fetching {url} took longer than {seconds} s (Pictor:Fetch:TimeoutSeconds).");
        }
        catch (HttpRequestException e) when (Refusal(e) is { } refusal)
        {
            throw refusal;
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested && !StorageFull.Is(e))
        {
            throw Failed($"Fetching {url} failed: {e.Message}");
        }
    }

    /// <summary>Connects to the first address of the host that may be reached; internal ones only for hosts listed by name.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var listed = _policy.IsListed(host, port);
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        SocketException? failure = null;
        foreach (var address in addresses)
        {
            if (!listed && AddressRanges.IsInternal(address)) continue;
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                if (!listed && socket.RemoteEndPoint is IPEndPoint connected && AddressRanges.IsInternal(connected.Address))
                    throw FetchPolicy.NotAllowed($"'{host}' is on the internal address {connected.Address}; only hosts listed by name in Pictor:Fetch:AllowedHosts may be.");
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        if (failure is not null) throw failure;
        throw FetchPolicy.NotAllowed(
            $"'{host}' resolves only to internal addresses ({string.Join(", ", addresses.Select(a => a.ToString()))}); only hosts listed by name in Pictor:Fetch:AllowedHosts may be.");
    }

    private static ProblemException? Refusal(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is ProblemException problem) return problem;
        return null;
    }

    private static ProblemException Failed(string detail) => new(422, "fetch-failed", "Fetch failed", detail);

    private static ProblemException TooLarge(Uri url, long max) =>
        Failed($"{url} is larger than {max:N0} bytes (Pictor:Limits:MaxUploadBytes).");

    public void Dispose() => _http.Dispose();
}
