namespace Pictor.Client;

/// <summary>Filters and paging of <see cref="PictorClient.ListAsync"/>; every filter is optional.</summary>
public sealed record OriginalQuery
{
    /// <summary>Only originals carrying every one of these tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Only IDs starting with this.</summary>
    public string? Prefix { get; init; }

    /// <summary>Only this format (<c>jpeg</c>, <c>png</c>, …).</summary>
    public string? Format { get; init; }

    /// <summary>Only originals created at or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only originals created before this instant.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Start after this ID (exclusive).</summary>
    public string? After { get; init; }

    /// <summary>Items asked for per request (1…1000); null is the service's default (100).</summary>
    public int? PageSize { get; init; }
}
