namespace Pictor.Metadata;

/// <summary>
/// One event for one webhook receiver, written in the transaction of the change it tells of and deleted once the
/// receiver acknowledged it (2xx). Until then it is retried with backoff; while an instance delivers it, the row is
/// leased to that instance so that no other delivers it at the same time.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The receiver's URL (<c>Pictor:Webhooks:N:Url</c>); its secret is looked up when delivering.</summary>
    public required string Target { get; set; }

    /// <summary><c>original.created</c>, <c>original.replaced</c>, <c>original.deleted</c>, <c>original.updated</c>, <c>derived.purged</c>.</summary>
    public required string Event { get; set; }

    /// <summary>The JSON body, exactly as signed and sent.</summary>
    public required string Body { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Failed attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Not delivered before this (backoff after a failure).</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>The delivering attempt while one is under way (random per attempt).</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    /// <summary>Why the last attempt failed (status code or exception), for operators.</summary>
    public string? LastError { get; set; }
}
