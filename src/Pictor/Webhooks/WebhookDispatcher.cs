using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Metadata;
using Pictor.Observability;

namespace Pictor.Webhooks;

/// <summary>
/// Delivers the outbox: claims due messages (<see cref="OutboxLeases"/>), POSTs each signed to its receiver, deletes it
/// on a 2xx and schedules the next attempt otherwise. At least once: a crash between the receiver's 2xx and the
/// delete sends the message again, with the same event ID.
/// </summary>
public sealed class WebhookDispatcher(
    OutboxLeases leases,
    WebhookOutbox outbox,
    IOptions<List<WebhookOptions>> webhooks,
    PictorMetrics metrics,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private const int Batch = 16;
    private const int Parallel = 4;

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = DeliveryTimeout,
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // With no receiver configured there is nothing to deliver: rows of receivers removed from the configuration are
        // dropped by the next instance that has any.
        if (webhooks.Value.Count == 0) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                var batch = await leases.ClaimAsync(Batch, stoppingToken);
                claimed = batch.Count;
                await System.Threading.Tasks.Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = stoppingToken },
                    async (item, ct) => await DeliverAsync(item.Message, item.Owner, ct));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Webhook delivery round failed; trying again");
            }
            if (claimed < Batch) await outbox.WaitAsync(Poll, stoppingToken);
        }
    }

    private async Task DeliverAsync(OutboxMessage message, string owner, CancellationToken stoppingToken)
    {
        var hook = webhooks.Value.FirstOrDefault(w => string.Equals(w.Url, message.Target, StringComparison.Ordinal));
        if (hook is null)
        {
            logger.LogWarning("Dropping {Event} event for {Target}: no Pictor:Webhooks entry has that URL any more", message.Event, message.Target);
            await leases.AcknowledgeAsync(message.Id, CancellationToken.None);
            return;
        }
        string? error;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url)
            {
                Content = new StringContent(message.Body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(hook.Secret, clock.GetUtcNow().ToUnixTimeSeconds(), message.Body));
            request.Headers.Add("Pictor-Event", message.Event);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Pictor", "1"));
            using var response = await _http.SendAsync(request, stoppingToken);
            error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
        {
            error = e is TaskCanceledException ? $"no answer within {DeliveryTimeout.TotalSeconds:0} s" : e.Message;
        }
        if (error is null)
        {
            await leases.AcknowledgeAsync(message.Id, CancellationToken.None);
            metrics.WebhookDelivered();
            return;
        }
        metrics.WebhookFailed();
        logger.LogInformation("Webhook {Event} to {Target} failed ({Error}); attempt {Attempt}, retried in {Delay}",
            message.Event, message.Target, error, message.Attempts + 1, OutboxLeases.Backoff(message.Attempts + 1));
        await leases.FailAsync(message, owner, error, CancellationToken.None);
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
