using Microsoft.EntityFrameworkCore;
using Pictor.Images;
using Pictor.Metadata;
using Pictor.Originals;
using Pictor.Problems;
using Pictor.Storage;

namespace Pictor.Consistency;

/// <summary>
/// <c>pictor check [--repair]</c>: compares the database with the blob store. Reports records whose blob
/// is missing, blobs nothing references, due journal entries, expired leases, work of dead instances and
/// their temp files, originals without placeholder facts, and missing levels (lost, or never made: originals
/// stored before levels were); changes nothing. With repair, runs recovery first, then deletes unreferenced
/// blobs, removes records whose bytes are gone, computes the placeholder facts originals stored before they
/// were recorded lack (<see cref="PlaceholderBackfill"/>), and makes missing levels from their originals
/// (which is how existing originals get levels). Safe beside running instances: their work in progress is
/// journaled or leased, and their temp folders are locked.
/// </summary>
public sealed class ConsistencyCheck(
    IDbContextFactory<PictorDbContext> dbs, IBlobStore blobs, BlobJournal blobJournal, Recovery recovery, PlaceholderBackfill placeholders,
    LevelRegenerator levels, TempArea temp, TimeProvider clock)
{
    /// <param name="StorageKey">The blob concerned, where there is one.</param>
    /// <param name="OriginalId">The original concerned, where there is one.</param>
    public sealed record Finding(string Kind, string Detail, string? StorageKey = null, string? OriginalId = null);

    public async Task<IReadOnlyList<Finding>> RunAsync(bool repair, TextWriter output, CancellationToken cancellationToken)
    {
        if (repair)
        {
            var report = await recovery.RunAsync(cancellationToken);
            output.WriteLine($"recovery: work of {report.DeadInstances} dead instances settled, {report.BlobsDeleted} blobs deleted, {report.LeasesExpired} abandoned or expired leases removed, {report.TempFilesRemoved} temp files removed");
        }
        var dead = temp.AbandonedInstances().ToHashSet(StringComparer.Ordinal);

        // Blobs first, then the database: a blob being written by a running instance is journaled before it
        // is written, and referenced before its journal entry goes, so whatever this listing holds the
        // database read after it accounts for. A record newer than the listing is checked on its own below.
        var stored = new Dictionary<string, BlobEntry>(StringComparer.Ordinal);
        await foreach (var blob in blobs.ListAsync(cancellationToken)) stored[blob.Key] = blob;

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var originals = await db.Originals.AsNoTracking()
            .Select(o => new { o.Id, o.StorageKey, o.Width, o.Height, o.Frames, Facts = o.Placeholder != null && o.DominantColor != null, o.UndecodableAt, o.UndecodableReason })
            .ToListAsync(cancellationToken);
        var derived = await db.Derived.AsNoTracking().Select(d => new { d.OriginalId, d.Variant, d.StorageKey, d.State, d.LeaseExpiresAt, d.JournalId, d.Bytes }).ToListAsync(cancellationToken);
        var journal = await db.BlobJournal.AsNoTracking().ToListAsync(cancellationToken);

        var findings = new List<Finding>();
        var abandoned = journal.Where(j => j.Owner is { } owner && dead.Contains(owner)).ToList();
        var abandonedIds = abandoned.Select(j => j.Id).ToHashSet();
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in originals)
        {
            referenced.Add(o.StorageKey);
            if (!await ExistsAsync(stored, o.StorageKey, cancellationToken))
                findings.Add(new("missing-original-blob", $"original '{o.Id}': {o.StorageKey}", o.StorageKey, o.Id));
            else
            {
                if (o.UndecodableAt is { } at)
                    findings.Add(new("undecodable-original", $"original '{o.Id}' no longer decodes (found {at:O}: {o.UndecodableReason}); replace it (PUT) or delete it", o.StorageKey, o.Id));
                if (!o.Facts)
                    findings.Add(new("missing-placeholder", $"original '{o.Id}' has no placeholder or dominant colour yet", o.StorageKey, o.Id));
            }
            foreach (var (size, key) in OriginalLevels.Of(o.StorageKey, o.Width, o.Height, o.Frames))
            {
                referenced.Add(key);
                if (!await ExistsAsync(stored, key, cancellationToken))
                    findings.Add(new("missing-level", $"original '{o.Id}': {size.Name} {key}", key, o.Id));
            }
        }
        foreach (var d in derived)
        {
            referenced.Add(d.StorageKey);
            // A derived image's bytes are not fsynced (IBlobStore.PutBytesAsync): after a power cut they may be cut short.
            if (d.State == DerivedState.Ready && await LengthAsync(stored, d.StorageKey, cancellationToken) is var length && length != d.Bytes)
                findings.Add(new("missing-derived-blob", $"derived '{DerivedSpec.Name(d.OriginalId, d.Variant)}': {d.StorageKey}" +
                    (length is { } cut ? $" (cut short: {cut} of {d.Bytes} bytes)" : ""), d.StorageKey, d.OriginalId));
            if (d.State == DerivedState.Generating && d.LeaseExpiresAt < now)
                findings.Add(new("expired-lease", $"derived '{DerivedSpec.Name(d.OriginalId, d.Variant)}' still generating, lease expired {d.LeaseExpiresAt:O}"));
            else if (d.State == DerivedState.Generating && d.JournalId is { } entry && abandonedIds.Contains(entry))
                findings.Add(new("abandoned-lease", $"derived '{DerivedSpec.Name(d.OriginalId, d.Variant)}' still generating by a dead instance"));
        }
        var journaled = journal.Select(j => j.StorageKey).ToHashSet(StringComparer.Ordinal);
        foreach (var j in journal.Where(j => j.DeleteAfter <= now))
            findings.Add(new("due-journal-entry", $"{j.StorageKey} due {j.DeleteAfter:O}"));
        foreach (var j in abandoned.Where(j => j.DeleteAfter > now))
            findings.Add(new("abandoned-write", $"{j.StorageKey} written by dead instance {j.Owner}"));
        foreach (var key in stored.Keys.Where(k => !referenced.Contains(k) && !journaled.Contains(k)))
            findings.Add(new("unreferenced-blob", key, key));
        foreach (var file in temp.FilesOf(dead))
            findings.Add(new("abandoned-temp-file", file));

        if (repair) await RepairAsync(db, findings, cancellationToken);

        foreach (var f in findings) output.WriteLine($"{f.Kind}: {f.Detail}");
        var unrepairable = findings.Count(f => !Repairable(f));
        output.WriteLine(findings.Count == 0
            ? $"consistent: {originals.Count} originals, {derived.Count} derived, {stored.Count} blobs"
            : repair ? $"{findings.Count} problem(s) found and repaired{(unrepairable > 0 ? $" but {unrepairable} that only replacing or deleting the original mends" : "")}"
            : $"{findings.Count} problem(s) found{(findings.Count > unrepairable ? "; run with --repair to fix what it can" : "")}");
        return findings;
    }

    /// <summary>What <c>--repair</c> cannot mend: bytes that no longer decode are only replaced or deleted by their owner.</summary>
    public static bool Repairable(Finding finding) => finding.Kind != "undecodable-original";

    /// <summary>In the listing, or written since it was taken.</summary>
    private async Task<bool> ExistsAsync(Dictionary<string, BlobEntry> listed, string key, CancellationToken cancellationToken) =>
        await LengthAsync(listed, key, cancellationToken) is not null;

    /// <summary>The stored length, from the listing or, for a blob written since it was taken, the store; null when missing.</summary>
    private async Task<long?> LengthAsync(Dictionary<string, BlobEntry> listed, string key, CancellationToken cancellationToken)
    {
        if (listed.TryGetValue(key, out var entry)) return entry.Length;
        var blob = await blobs.OpenReadAsync(key, cancellationToken);
        if (blob is null) return null;
        await blob.Stream.DisposeAsync();
        return blob.Length;
    }

    private async Task RepairAsync(PictorDbContext db, List<Finding> findings, CancellationToken cancellationToken)
    {
        foreach (var f in findings.Where(f => f.Kind == "unreferenced-blob"))
            await blobs.DeleteAsync(f.StorageKey!, cancellationToken);
        foreach (var f in findings.Where(f => f.Kind == "missing-derived-blob"))
        {
            await db.Derived.Where(d => d.StorageKey == f.StorageKey).ExecuteDeleteAsync(cancellationToken); // regenerated on the next request
            await db.CountDerivedChangeAsync(cancellationToken); // after the delete: running instances drop what they hold in memory
            await blobs.DeleteAsync(f.StorageKey!, cancellationToken); // what a power cut left of it, if anything
        }
        var lost = findings.Where(f => f.Kind == "missing-original-blob").ToList();
        foreach (var f in lost)
            await RemoveLostOriginalAsync(db, f.OriginalId!, f.StorageKey!, cancellationToken);
        for (var i = 0; i < findings.Count; i++)
        {
            if (findings[i].Kind != "missing-placeholder") continue;
            if (await placeholders.FillAsync(findings[i].OriginalId!, findings[i].StorageKey!, cancellationToken) is { } why)
                findings[i] = findings[i] with { Detail = $"{findings[i].Detail}; not computed: {why}" };
        }
        // Lost levels, and every level of an original stored before levels were: made again from the original.
        var lostIds = lost.Select(f => f.OriginalId).ToHashSet(StringComparer.Ordinal);
        foreach (var group in findings.Where(f => f.Kind == "missing-level" && !lostIds.Contains(f.OriginalId)).GroupBy(f => f.OriginalId!))
        {
            var original = await db.Originals.AsNoTracking().Where(o => o.Id == group.Key).Select(o => o.StorageKey).FirstOrDefaultAsync(cancellationToken);
            if (original is null) continue;
            try
            {
                await levels.RegenerateAsync(group.Key, original, group.Select(f => f.StorageKey!).ToHashSet(StringComparer.Ordinal), cancellationToken);
            }
            catch (ProblemException)
            {
                // An original this libvips cannot decode (accepted by an older one): derives read it as before.
            }
        }
    }

    /// <summary>
    /// The bytes are gone: the record would only serve errors. It goes with its derived images, whose
    /// blobs are journaled for deletion in the same transaction, as a DELETE would.
    /// </summary>
    private async Task RemoveLostOriginalAsync(PictorDbContext db, string id, string key, CancellationToken cancellationToken)
    {
        List<BlobJournalEntry> released;
        await using (var tx = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var derivedKeys = await db.Derived.Where(d => d.OriginalId == id).Select(d => d.StorageKey).ToListAsync(cancellationToken);
            var original = await db.Originals.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.StorageKey == key, cancellationToken);
            await db.Derived.Where(d => d.OriginalId == id).ExecuteDeleteAsync(cancellationToken);
            if (original is null || await db.Originals.Where(o => o.Id == id && o.StorageKey == key).ExecuteDeleteAsync(cancellationToken) == 0) return; // replaced meanwhile
            released = blobJournal.AddDueNow(db, derivedKeys.Concat(OriginalLevels.Of(original).Select(l => l.Key)));
            if (derivedKeys.Count > 0) await db.CountDerivedChangeAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        await blobJournal.CarryOutAsync(released, cancellationToken);
    }
}
