using Microsoft.EntityFrameworkCore;
using Pictor.Metadata;
using Pictor.Originals;
using Pictor.Storage;

namespace Pictor.Consistency;

/// <summary>
/// <c>pictor check [--repair]</c>: compares the database with the blob store. Reports records whose blob
/// is missing, blobs nothing references, due journal entries, expired leases and abandoned temp files;
/// with repair, runs recovery, deletes unreferenced blobs and removes records whose bytes are gone.
/// </summary>
public sealed class ConsistencyCheck(IDbContextFactory<PictorDbContext> dbs, IBlobStore blobs, Recovery recovery, OriginalService originals, TempArea temp, TimeProvider clock)
{
    /// <summary>One disagreement; <see cref="Key"/> is the storage key it concerns, <see cref="OriginalId"/> the original.</summary>
    public sealed record Finding(string Kind, string Detail, string? Key = null, string? OriginalId = null);

    public async Task<IReadOnlyList<Finding>> RunAsync(bool repair, TextWriter output, CancellationToken cancellationToken)
    {
        if (repair)
        {
            var report = await recovery.RunAsync(cancellationToken);
            output.WriteLine($"recovery: {report.BlobsDeleted} blobs deleted, {report.LeasesExpired} expired leases removed, {report.TempFilesRemoved} temp files removed");
        }

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var originals = await db.Originals.AsNoTracking().Select(o => new { o.Id, o.StorageKey }).ToListAsync(cancellationToken);
        var derived = await db.Derived.AsNoTracking().Select(d => new { d.OriginalId, d.Variant, d.StorageKey, d.State, d.LeaseExpiresAt }).ToListAsync(cancellationToken);
        var journal = await db.BlobJournal.AsNoTracking().ToListAsync(cancellationToken);

        var stored = new Dictionary<string, BlobEntry>(StringComparer.Ordinal);
        await foreach (var blob in blobs.ListAsync(cancellationToken)) stored[blob.Key] = blob;

        var findings = new List<Finding>();
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in originals)
        {
            referenced.Add(o.StorageKey);
            if (!stored.ContainsKey(o.StorageKey)) findings.Add(new("missing-original-blob", $"original '{o.Id}': {o.StorageKey}", o.StorageKey, o.Id));
        }
        foreach (var d in derived)
        {
            referenced.Add(d.StorageKey);
            if (d.State == DerivedState.Ready && !stored.ContainsKey(d.StorageKey))
                findings.Add(new("missing-derived-blob", $"derived '{d.OriginalId}-{d.Variant}': {d.StorageKey}", d.StorageKey, d.OriginalId));
            if (d.State == DerivedState.Generating && d.LeaseExpiresAt < now)
                findings.Add(new("expired-lease", $"derived '{d.OriginalId}-{d.Variant}' still generating, lease expired {d.LeaseExpiresAt:O}"));
        }
        var journaled = journal.Select(j => j.StorageKey).ToHashSet(StringComparer.Ordinal);
        foreach (var j in journal.Where(j => j.DeleteAfter <= now))
            findings.Add(new("due-journal-entry", $"{j.StorageKey} due {j.DeleteAfter:O}"));
        foreach (var key in stored.Keys.Where(k => !referenced.Contains(k) && !journaled.Contains(k)))
            findings.Add(new("unreferenced-blob", key, key));
        foreach (var file in temp.AbandonedFiles())
            findings.Add(new("abandoned-temp-file", file));

        if (repair) await RepairAsync(db, findings, cancellationToken);

        foreach (var f in findings) output.WriteLine($"{f.Kind}: {f.Detail}");
        output.WriteLine(findings.Count == 0
            ? $"consistent: {originals.Count} originals, {derived.Count} derived, {stored.Count} blobs"
            : $"{findings.Count} problem(s) {(repair ? "found and repaired" : "found; run with --repair to fix")}");
        return findings;
    }

    private async Task RepairAsync(PictorDbContext db, List<Finding> findings, CancellationToken cancellationToken)
    {
        foreach (var f in findings.Where(f => f.Kind == "unreferenced-blob"))
            await blobs.DeleteAsync(f.Key!, cancellationToken);
        foreach (var f in findings.Where(f => f.Kind == "missing-derived-blob"))
            await db.Derived.Where(d => d.StorageKey == f.Key).ExecuteDeleteAsync(cancellationToken); // made again on the next request
        foreach (var f in findings.Where(f => f.Kind == "missing-original-blob"))
        {
            // The bytes are gone, so the record would only serve errors: delete it as a DELETE would,
            // derived images and their blobs included.
            await originals.DeleteAsync(Images.ImageId.Parse(f.OriginalId), cancellationToken);
        }
    }
}
