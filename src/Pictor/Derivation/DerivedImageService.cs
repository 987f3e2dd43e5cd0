using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetVips;
using Pictor.Configuration;
using Pictor.Consistency;
using Pictor.Images;
using Pictor.Imaging;
using Pictor.Metadata;
using Pictor.Observability;
using Pictor.Problems;
using Pictor.Storage;

namespace Pictor.Derivation;

/// <summary>
/// Finds or makes a derived image, exactly once across every instance sharing the database:
/// stored already? done. Otherwise one request per process (<see cref="SingleFlight{T}"/>) competes for the
/// database lease (<see cref="DerivedLeases"/>); the winner generates, the others poll until it is ready.
/// </summary>
public sealed class DerivedImageService(
    ReadyDerivedLookup lookup,
    DerivedLeases leases,
    IBlobStore blobs,
    BlobJournal journal,
    ImageDeriver deriver,
    ImageInspector inspector,
    UndecodableOriginals undecodable,
    ImagingGate gate,
    PictorMetrics metrics,
    TimeProvider clock,
    IOptions<DerivationOptions> options,
    DerivedEviction eviction,
    ILogger<DerivedImageService> logger)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(500);
    private readonly SingleFlight<DerivedImage> _flights = new();
    private readonly SingleFlight<DerivedRecord?> _lookups = new();

    public async Task<DerivedImage> GetAsync(DerivedSpec spec, CancellationToken cancellationToken)
    {
        // Requests for one image that arrive together share one lookup: a burst of first requests (pymager's
        // clients test 500 at once) otherwise queues hundreds of identical queries for the connection pool,
        // and on MariaDB some of them waited past the pool's timeout.
        var ready = await _lookups.RunAsync(spec.ToString(), () => lookup.FindAsync(spec.Id.Value, spec.Variant, CancellationToken.None))
            .WaitAsync(cancellationToken);
        if (ready is not null) return new DerivedImage(ready);
        // The shared run must not die with the first caller's connection: the others are waiting on it.
        return await _flights.RunAsync(spec.ToString(), () => ObtainAsync(spec)).WaitAsync(cancellationToken);
    }

    private async Task<DerivedImage> ObtainAsync(DerivedSpec spec)
    {
        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(options.Value.WaitSeconds);
        var poll = FirstPoll;
        while (true)
        {
            var outcome = await leases.TryAcquireAsync(spec, CancellationToken.None);
            if (outcome.Ready is { } ready) return new DerivedImage(ready);
            if (outcome.Lease is { } lease)
            {
                var made = await GenerateAsync(spec, lease);
                if (made is not null) return made;
                poll = FirstPoll; // lost the lease or the original changed under us: look again at once
                continue;
            }
            if (clock.GetUtcNow() > deadline)
                throw ProblemException.Busy($"'{spec}' is being generated elsewhere and is not ready yet; try again shortly.", retryAfterSeconds: 2);
            await Task.Delay(poll);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LongestPoll.Ticks));
        }
    }

    /// <summary>Generates under the lease. Null when the lease turned out to be lost (then nothing is kept).</summary>
    private async Task<DerivedImage?> GenerateAsync(DerivedSpec spec, DerivedLease lease)
    {
        var completed = false;
        using var working = new CancellationTokenSource();
        var heartbeat = KeepLeaseAsync(spec, lease, working.Token);
        try
        {
            var started = Stopwatch.GetTimestamp();
            // Only the pixel work holds a slot: hashing, storing and committing wait on I/O, and meanwhile
            // the slot lets the next derive use the core.
            DerivedPixels derived;
            string sourceName;
            using (var slot = await gate.EnterAsync(CancellationToken.None))
            {
                var original = lease.Original;
                ImageFormats.TryFromName(original.Format, out var sourceFormat);
                var info = new ImageInfo(sourceFormat, original.Width, original.Height, original.Frames);
                var layout = deriver.Plan(info, spec.Options, FocalPoint.FromRecord(original.FocusX, original.FocusY));
                using var source = await OpenSourceAsync(original, info, layout);
                if (source is null) return null; // replaced or deleted since we read it: the next acquire sees which
                try
                {
                    derived = await slot.RunAsync(() => deriver.Derive(source.File.Path, source.Info, spec.Options, layout));
                }
                catch (VipsException) when (!File.Exists(source.File.Path))
                {
                    // Replaced or deleted between the check above and libvips opening the file (a store's
                    // file goes once the commit that unreferences it is done): the same as not found.
                    return null;
                }
                catch (VipsException e)
                {
                    // The file read: the original, or a level of it (which then counts as the original's).
                    var recheck = await slot.RunAsync(() => undecodable.Recheck(source.File.Path, source.Info.Format));
                    throw await undecodable.ReportAsync(spec, original, e, recheck);
                }
                sourceName = source.Name;
            }
            var encoded = derived.Bytes;
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(encoded));
            await blobs.PutBytesAsync(lease.StorageKey, encoded, durably: false, CancellationToken.None);
            var record = await leases.CompleteAsync(spec, lease, sha256, derived, CancellationToken.None);
            if (record is null) return null;
            completed = true;
            metrics.DerivedGenerated(Stopwatch.GetElapsedTime(started));
            eviction.Stored();
            return new DerivedImage(record, encoded, sourceName);
        }
        finally
        {
            await working.CancelAsync();
            await heartbeat;
            if (!completed) await ReleaseAsync(spec, lease);
        }
    }

    /// <summary>
    /// The smallest level at least 1.5× the size the layout resizes to (<see cref="Levels.Pick"/>); when it is
    /// missing, the next larger one, else the original. An original stored before levels were (or before a
    /// level's size was one), or whose level is lost, is read that way until <c>check --repair</c> makes its
    /// levels. Null when the original itself is gone.
    /// </summary>
    private async Task<DeriveSource?> OpenSourceAsync(OriginalRecord original, ImageInfo info, Layout layout)
    {
        foreach (var level in Levels.Candidates(Levels.For(info), layout))
        {
            var file = await blobs.GetLocalFileAsync(BlobKeys.Level(original.StorageKey, level.LongSide), CancellationToken.None);
            if (file is not null)
            {
                try
                {
                    var format = inspector.Sniff(file.Path);
                    return new DeriveSource(file, new ImageInfo(format, level.Width, level.Height, 1), level.Name);
                }
                catch (Exception e) when (e is IOException or ProblemException)
                {
                    file.Dispose(); // gone since, or not an image: a larger level or the original will do
                }
            }
        }
        var whole = await blobs.GetLocalFileAsync(original.StorageKey, CancellationToken.None);
        return whole is null ? null : new DeriveSource(whole, info, DeriveSource.Original);
    }

    /// <summary>
    /// Renews the lease every third of its length while this instance works on it, so the lease can be short
    /// (another instance takes over soon after this one dies) whatever the generation takes.
    /// </summary>
    private async Task KeepLeaseAsync(DerivedSpec spec, DerivedLease lease, CancellationToken working)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.LeaseSeconds) / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(working))
            {
                try
                {
                    if (!await leases.RenewAsync(spec, lease, working)) return; // lost: completing will fail and keep nothing
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Renewing the lease on {Spec} failed; trying again", spec);
                }
            }
        }
        catch (OperationCanceledException) when (working.IsCancellationRequested)
        {
        }
    }

    private async Task ReleaseAsync(DerivedSpec spec, DerivedLease lease)
    {
        try
        {
            await leases.ReleaseAsync(spec, lease, CancellationToken.None);
            await journal.AbandonAsync(lease.JournalId, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Releasing the lease on {Spec} failed; it expires by itself", spec);
        }
    }
}
