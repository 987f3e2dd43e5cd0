namespace Pictor.Client;

/// <summary>One page of <c>GET /original</c>: its items and the cursor of the next page (null on the last).</summary>
/// <param name="Items">The originals on this page, ordered by ID.</param>
/// <param name="Next">The <c>after</c> value for the next page; null when there is none.</param>
public sealed record OriginalPage(IReadOnlyList<OriginalMetadata> Items, string? Next);
