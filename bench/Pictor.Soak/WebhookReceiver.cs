using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Pictor.Soak;

/// <summary>
/// A webhook receiver on a free loopback port (Pictor:Webhooks:0): acknowledges every event with 204 and counts
/// them by type, so the soak has the outbox delivering under load too.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    public const string Secret = "soak-webhook-secret";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _events = new(StringComparer.Ordinal);
    private readonly Task _serving;

    public WebhookReceiver()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/hooks/";
        }
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public int Total => _events.Values.Sum();

    public IEnumerable<KeyValuePair<string, int>> ByType => _events.OrderBy(e => e.Key, StringComparer.Ordinal);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using (var body = new MemoryStream()) await context.Request.InputStream.CopyToAsync(body);
            _events.AddOrUpdate(context.Request.Headers["Pictor-Event"] ?? "?", 1, (_, n) => n + 1);
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
