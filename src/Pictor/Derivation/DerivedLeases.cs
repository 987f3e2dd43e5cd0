using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Consistency;
using Pictor.Images;
using Pictor.Imaging;
using Pictor.Metadata;
using Pictor.Problems;
using Pictor.Storage;

namespace Pictor.Derivation;

/// <summary>
/// The database side of single flight. A <see cref="DerivedState.Generating"/> row is a lease with an
/// expiry; inserting it (primary key) or taking over an expired one (conditional update) is atomic in
/// every provider, so among all instances exactly one attempt holds it at a time.
/// </summary>
public sealed class DerivedLeases(IDbContextFactory<PictorDbContext> dbs, BlobJournal journal, TimeProvider clock, IOptions<DerivationOptions> options)
{
    private TimeSpan LeaseLength => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    public async Task<AcquireOutcome> TryAcquireAsync(DerivedSpec spec, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var cache = await CacheWrites.BeginAsync(db, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.Derived.AsNoTracking()
            .FirstOrDefaultAsync(d => d.OriginalId == spec.Id.Value && d.Variant == spec.Variant, cancellationToken);
        if (existing is { State: DerivedState.Ready }) return new AcquireOutcome(existing, null);

        var now = clock.GetUtcNow().UtcDateTime;
        if (existing is not null && existing.LeaseExpiresAt > now) return default;

        var original = await db.FindLockedAsync(spec.Id.Value, cancellationToken)
            ?? throw ProblemException.NotFound($"There is no original with the ID '{spec.Id}'.");

        var owner = BlobKeys.NewToken();
        var key = BlobKeys.Derived(spec, original.Generation, owner);
        var entry = journal.Owned(key, LeaseLength);
        var expires = entry.DeleteAfter;
        db.BlobJournal.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (existing is null)
            {
                db.Derived.Add(new DerivedRecord
                {
                    OriginalId = spec.Id.Value, Variant = spec.Variant, OriginalGeneration = original.Generation,
                    State = DerivedState.Generating, StorageKey = key, LeaseOwner = owner, LeaseExpiresAt = expires,
                    JournalId = entry.Id, Format = spec.Format.Name(), CreatedAt = now, LastAccessAt = now,
                    DependsOnFocus = spec.Options.DependsOnFocus,
                });
                await db.SaveChangesAsync(cancellationToken);
            }
            else
            {
                // Take over an expired lease; the abandoned attempt's own journal entry deletes its blob.
                var taken = await db.Derived
                    .Where(d => d.OriginalId == spec.Id.Value && d.Variant == spec.Variant
                        && d.State == DerivedState.Generating && d.LeaseOwner == existing.LeaseOwner)
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(d => d.LeaseOwner, owner)
                        .SetProperty(d => d.LeaseExpiresAt, expires)
                        .SetProperty(d => d.StorageKey, key)
                        .SetProperty(d => d.JournalId, entry.Id)
                        .SetProperty(d => d.OriginalGeneration, original.Generation), cancellationToken);
                if (taken == 0) return default;
            }
            await tx.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            return default; // another instance inserted the lease first
        }
        return new AcquireOutcome(null, new DerivedLease(owner, key, entry.Id, original));
    }

    /// <summary>Marks the image ready, with its real size, and claims its blob, if we still hold the lease; else null.</summary>
    public async Task<DerivedRecord?> CompleteAsync(DerivedSpec spec, DerivedLease lease, string sha256, DerivedPixels derived, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var cache = await CacheWrites.BeginAsync(db, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await Held(db, spec, lease).ExecuteUpdateAsync(u => u
            .SetProperty(d => d.State, DerivedState.Ready)
            .SetProperty(d => d.Sha256, sha256)
            .SetProperty(d => d.Bytes, derived.Bytes.Length)
            .SetProperty(d => d.Width, derived.Width)
            .SetProperty(d => d.Height, derived.Height)
            .SetProperty(d => d.CreatedAt, now)
            .SetProperty(d => d.LastAccessAt, now)
            .SetProperty(d => d.LeaseOwner, (string?)null)
            .SetProperty(d => d.LeaseExpiresAt, (DateTime?)null)
            .SetProperty(d => d.JournalId, (long?)null), cancellationToken);
        if (updated == 0) return null;
        var claimed = await journal.ClaimAsync(db, lease.JournalId, cancellationToken);
        if (claimed == 0) return null; // outlived the lease: the sweeper may already have deleted the blob
        await tx.CommitAsync(cancellationToken);
        // The row as just written: no need to read it back.
        return new DerivedRecord
        {
            OriginalId = spec.Id.Value, Variant = spec.Variant, OriginalGeneration = lease.Original.Generation,
            State = DerivedState.Ready, StorageKey = lease.StorageKey, Format = spec.Format.Name(),
            Width = derived.Width, Height = derived.Height, Bytes = derived.Bytes.Length, Sha256 = sha256, CreatedAt = now, LastAccessAt = now,
            DependsOnFocus = spec.Options.DependsOnFocus,
        };
    }

    /// <summary>
    /// Extends a lease we still hold, and the journal entry of its blob with it, so that a long generation
    /// (or one queued for an imaging slot) is neither taken over nor swept. False once the lease is lost.
    /// </summary>
    public async Task<bool> RenewAsync(DerivedSpec spec, DerivedLease lease, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var expires = clock.GetUtcNow().UtcDateTime + LeaseLength;
        var renewed = await Held(db, spec, lease).ExecuteUpdateAsync(u => u.SetProperty(d => d.LeaseExpiresAt, expires), cancellationToken);
        if (renewed == 0) return false;
        await journal.ExtendAsync(db, lease.JournalId, expires, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Gives the lease up after a failure, so the next request can try at once.</summary>
    public async Task ReleaseAsync(DerivedSpec spec, DerivedLease lease, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await Held(db, spec, lease).ExecuteDeleteAsync(cancellationToken);
    }

    private static IQueryable<DerivedRecord> Held(PictorDbContext db, DerivedSpec spec, DerivedLease lease) =>
        db.Derived.Where(d => d.OriginalId == spec.Id.Value && d.Variant == spec.Variant
            && d.State == DerivedState.Generating && d.LeaseOwner == lease.Owner);
}
