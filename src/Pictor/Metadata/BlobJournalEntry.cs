namespace Pictor.Metadata;

/// <summary>
/// "Delete this blob at <see cref="DeleteAfter"/> unless a commit removes this entry first."
/// Written before every blob write (removed by the transaction that makes the blob referenced) and by
/// every transaction that unreferences a blob; so a crash at any point leaves no blob unaccounted for.
/// </summary>
public sealed class BlobJournalEntry
{
    public long Id { get; set; }

    public required string StorageKey { get; set; }

    public DateTime DeleteAfter { get; set; }

    /// <summary>
    /// The instance writing the blob (<see cref="Storage.TempArea.InstanceId"/>): once that instance is
    /// known to be dead its entries fall due at once instead of at the end of their lease. Null for
    /// entries that are due from the start (blobs a delete or replace let go of).
    /// </summary>
    public string? Owner { get; set; }
}
