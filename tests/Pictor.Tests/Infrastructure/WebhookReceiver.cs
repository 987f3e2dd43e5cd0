using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// A webhook receiver inside the test: Kestrel on a free loopback port, recording every POST it gets with whether
/// its <c>Pictor-Signature</c> verifies (computed here, independently of Pictor's code). It answers 503 to the first
/// <see cref="FailFirst"/> attempts of each event, and to every attempt while <see cref="Refusing"/>; else 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "whsec-test-0123456789";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    /// <summary>One POST as received: the event's ID, type and body, whether its signature verified, and what it was answered.</summary>
    public sealed record Delivery(string Path, string EventId, string Type, JsonElement Body, bool SignatureValid, int Status);

    private WebhookReceiver(WebApplication app) => _app = app;

    public int FailFirst { get; set; }

    public bool Refusing { get; set; }

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    /// <summary>Deliveries answered 200, i.e. acknowledged.</summary>
    public IReadOnlyList<Delivery> Acknowledged => [.. _deliveries.Where(d => d.Status == 200)];

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app) { FailFirst = failFirst };
        app.MapPost("/{**path}", receiver.ReceiveAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return receiver;
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var json = JsonDocument.Parse(body).RootElement.Clone();
        var eventId = json.GetProperty("id").GetString()!;
        var attempt = _attempts.AddOrUpdate(eventId + context.Request.Path, 1, (_, n) => n + 1);
        var status = Refusing || attempt <= FailFirst ? 503 : 200;
        _deliveries.Enqueue(new Delivery(context.Request.Path, eventId, json.GetProperty("type").GetString()!, json,
            Verifies(context.Request.Headers["Pictor-Signature"].ToString(), body), status));
        context.Response.StatusCode = status;
    }

    /// <summary><c>t=UNIX,v1=HEX(HMAC-SHA256(secret, t + "." + body))</c>, with <c>t</c> within five minutes of now.</summary>
    private static bool Verifies(string header, string body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1)) return false;
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(t, CultureInfo.InvariantCulture)) > 300) return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(v1));
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails with what was received after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<WebhookReceiver, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}; received: " +
                    string.Join("; ", _deliveries.Select(d => $"{d.Path} {d.Type} {d.EventId} → {d.Status}")));
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
