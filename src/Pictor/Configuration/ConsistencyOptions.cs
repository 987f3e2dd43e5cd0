namespace Pictor.Configuration;

public sealed class ConsistencyOptions
{
    public const string Section = "Pictor:Consistency";

    /// <summary>How long an upload may take from writing its blob to committing its record.</summary>
    public int UploadLeaseSeconds { get; set; } = 300;

    /// <summary>How often the journal sweeper deletes blobs nothing references any more.</summary>
    public int SweepIntervalSeconds { get; set; } = 30;

    /// <summary>
    /// How long the blob of an abandoned write (a derive whose store write failed or timed out) is kept before
    /// the sweeper deletes it: an object-store PUT given up on may still land within this time.
    /// </summary>
    public int AbandonedWriteGraceSeconds { get; set; } = 60;
}
