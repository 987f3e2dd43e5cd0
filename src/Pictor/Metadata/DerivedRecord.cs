namespace Pictor.Metadata;

public enum DerivedState
{
    /// <summary>Somebody holds the lease and is generating it; the bytes are not to be served.</summary>
    Generating = 0,
    Ready = 1,
}

/// <summary>
/// A derived image of one original generation. While <see cref="DerivedState.Generating"/> the row is a
/// lease: it names its owner and when another instance may take over.
/// </summary>
public sealed class DerivedRecord
{
    public required string OriginalId { get; set; }

    /// <summary>The canonical form of the derive's options and format (<c>{w}x{h}.{ext}</c> for pymager's fill).</summary>
    public required string Variant { get; set; }

    public required string OriginalGeneration { get; set; }

    public DerivedState State { get; set; }

    public required string StorageKey { get; set; }

    /// <summary>The attempt holding the lease (random per attempt, so a taken-over attempt cannot complete).</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    /// <summary>The journal entry that deletes this attempt's blob if the attempt never completes.</summary>
    public long? JournalId { get; set; }

    public required string Format { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public long Bytes { get; set; }

    public string? Sha256 { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When it was last served, recorded coarsely (at most once a minute, and only with a storage budget): eviction takes the least recent first.</summary>
    public DateTime LastAccessAt { get; set; }

    /// <summary>Its crop or placement followed the original's focal point (or would have, had one been set):
    /// setting or clearing the focal point removes exactly these.</summary>
    public bool DependsOnFocus { get; set; }
}
