using Microsoft.EntityFrameworkCore;
using NetVips;
using Pictor.Images;
using Pictor.Imaging;
using Pictor.Metadata;
using Pictor.Problems;

namespace Pictor.Derivation;

/// <summary>
/// What a derive does when libvips fails on a stored original: the upload proved the bytes decode, so the
/// failure is either bytes changed behind Pictor's back (a disk or a copy gone bad) or a decode the upload did
/// not prove. The stored file is decoded again the way the upload was; if that fails too, the original is marked
/// in the catalogue (<see cref="OriginalRecord.UndecodableAt"/>) for <c>pictor check</c>. Either way the request
/// gets 422 <c>undecodable-original</c>, never 500: the request is sound and the original exists, but this
/// representation of it cannot be made, and asking again will not change that (a 5xx would invite retries).
/// </summary>
public sealed class UndecodableOriginals(IDbContextFactory<PictorDbContext> dbs, ImageInspector inspector, TimeProvider clock, ILogger<UndecodableOriginals> logger)
{
    /// <summary>Runs on the imaging slot that ran the derive: the re-check is pixel work too.</summary>
    public string? Recheck(string path, ImageFormat format)
    {
        try
        {
            inspector.Validate(path, format);
            return null;
        }
        catch (ProblemException e)
        {
            return e.Detail;
        }
    }

    /// <param name="failure">The derive's libvips error.</param>
    /// <param name="recheck">What decoding the stored file again said; null when it decoded.</param>
    public async Task<ProblemException> ReportAsync(DerivedSpec spec, OriginalRecord original, VipsException failure, string? recheck)
    {
        if (recheck is null)
        {
            logger.LogError(failure, "Deriving {Spec} failed although the stored original {Id} ({Format}) decodes in full", spec, original.Id, original.Format);
            return Problem($"The original '{original.Id}' decodes, but libvips could not make '{spec}' from it: {ImageInspector.FirstLine(failure.Message)}");
        }
        logger.LogError(failure, "The stored original {Id} ({Format}, {Key}) no longer decodes: {Reason}; marked undecodable", original.Id, original.Format, original.StorageKey, recheck);
        var reason = recheck.Length > PictorDbContext.UndecodableReasonLength ? recheck[..PictorDbContext.UndecodableReasonLength] : recheck;
        await using (var db = await dbs.CreateDbContextAsync(CancellationToken.None))
        {
            // Only these bytes: a replacement committed meanwhile has a new generation and is not marked.
            await db.Originals.Where(o => o.Id == original.Id && o.Generation == original.Generation)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(o => o.UndecodableAt, clock.GetUtcNow().UtcDateTime)
                    .SetProperty(o => o.UndecodableReason, reason), CancellationToken.None);
        }
        return Problem($"The stored original '{original.Id}' can no longer be decoded ({reason}); replace it with PUT /original/{original.Id}.");
    }

    private static ProblemException Problem(string detail) => new(422, "undecodable-original", "Undecodable original", detail);
}
