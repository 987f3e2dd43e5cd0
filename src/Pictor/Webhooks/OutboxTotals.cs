namespace Pictor.Webhooks;

/// <summary>Webhook deliveries waiting in the outbox, and how many of them have failed at least once.</summary>
public sealed record OutboxTotals(long Pending, long Failing);
