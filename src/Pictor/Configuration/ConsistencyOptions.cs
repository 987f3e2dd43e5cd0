namespace Pictor.Configuration;

public sealed class ConsistencyOptions
{
    public const string Section = "Pictor:Consistency";

    /// <summary>How long an upload may take from writing its blob to committing its record.</summary>
    public int UploadLeaseSeconds { get; set; } = 300;

    /// <summary>How often the journal sweeper deletes blobs nothing references any more.</summary>
    public int SweepIntervalSeconds { get; set; } = 30;
}
