using Microsoft.EntityFrameworkCore;
using Pictor.Imaging;
using Pictor.Imaging.Placeholders;
using Pictor.Metadata;
using Pictor.Problems;
using Pictor.Storage;

namespace Pictor.Consistency;

/// <summary>
/// Computes the placeholder facts (ThumbHash, dominant colour) of an original stored before they were recorded,
/// from its stored bytes, as an upload would have: <c>check --repair</c> fills what is missing.
/// </summary>
public sealed class PlaceholderBackfill(IDbContextFactory<PictorDbContext> dbs, IBlobStore blobs, ImageInspector inspector, ImagingGate gate)
{
    /// <returns>Null when filled (or when the original was replaced or deleted meanwhile, which recorded its own); else why not.</returns>
    public async Task<string?> FillAsync(string id, string storageKey, CancellationToken cancellationToken)
    {
        Placeholder placeholder;
        using (var local = await blobs.GetLocalFileAsync(storageKey, cancellationToken))
        {
            if (local is null) return "its bytes are missing";
            try
            {
                using var slot = await gate.EnterAsync(cancellationToken);
                placeholder = await slot.RunAsync(() => inspector.Validate(local.Path, inspector.Sniff(local.Path)));
            }
            catch (ProblemException e)
            {
                return e.Message;
            }
        }
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await db.Originals.Where(o => o.Id == id && o.StorageKey == storageKey)
            .ExecuteUpdateAsync(u => u
                .SetProperty(o => o.Placeholder, placeholder.ThumbHash)
                .SetProperty(o => o.DominantColor, placeholder.DominantColor), cancellationToken);
        return null;
    }
}
