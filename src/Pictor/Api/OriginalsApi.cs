using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Images;
using Pictor.Metadata;
using Pictor.Originals;
using Pictor.Problems;
using Pictor.Storage;

namespace Pictor.Api;

public static class OriginalsApi
{
    public static IEndpointRouteBuilder MapOriginals(this IEndpointRouteBuilder app)
    {
        var originals = app.MapGroup("/original");
        originals.MapPost("/{id}", PostAsync).RequireKey(AccessScope.Write).DisableAntiforgery();
        originals.MapPut("/{id}", PutAsync).RequireKey(AccessScope.Write);
        originals.MapDelete("/{id}", DeleteAsync).RequireKey(AccessScope.Write);
        originals.MapPatch("/{id}", PatchAsync).RequireKey(AccessScope.Write);
        originals.MapDelete("/{id}/derived", PurgeDerivedAsync).RequireKey(AccessScope.Admin);
        originals.MapMethods("/{id}", [HttpMethods.Get, HttpMethods.Head], GetAsync);
        originals.MapGet("/{id}/metadata", MetadataAsync);
        originals.MapGet("", ListAsync);
        return app;
    }

    private static async Task<Created<OriginalMetadata>> PostAsync(string id, HttpRequest request, UploadReceiver receiver, OriginalService service, CancellationToken ct)
    {
        var imageId = ImageId.Parse(id);
        var file = await receiver.ReceiveMultipartAsync(request, ct);
        try
        {
            // A new ID has nothing else recorded yet (a delete took its tags and attributes along).
            var stored = await service.StoreAsync(imageId, file, replace: false, ct);
            return TypedResults.Created($"/original/{imageId}", OriginalMetadata.From(stored.Record, [], [], [], 0));
        }
        finally
        {
            TempArea.TryDelete(file);
        }
    }

    private static async Task<Results<Created<OriginalMetadata>, Ok<OriginalMetadata>>> PutAsync(string id, HttpRequest request, UploadReceiver receiver, OriginalService service, IDbContextFactory<PictorDbContext> dbs, CancellationToken ct)
    {
        var imageId = ImageId.Parse(id);
        var file = await receiver.ReceiveRawAsync(request, ct);
        try
        {
            var stored = await service.StoreAsync(imageId, file, replace: true, ct);
            // A replace keeps what is recorded about the ID (focus, tags, attributes): read it back.
            var body = stored.Created ? OriginalMetadata.From(stored.Record, [], [], [], 0) : await dbs.ReadAsync(imageId, ct);
            return stored.Created ? TypedResults.Created($"/original/{imageId}", body) : TypedResults.Ok(body);
        }
        finally
        {
            TempArea.TryDelete(file);
        }
    }

    private static async Task<NoContent> DeleteAsync(string id, OriginalService service, CancellationToken ct)
    {
        var imageId = ImageId.Parse(id);
        if (!await service.DeleteAsync(imageId, ct)) throw NotFound(imageId);
        return TypedResults.NoContent();
    }

    /// <summary>Merge patch of what is recorded about an original (focal point, tags, attributes), in one transaction; answers the new metadata.</summary>
    private static async Task<Ok<OriginalMetadata>> PatchAsync(string id, HttpRequest request, OriginalPatcher patcher, IDbContextFactory<PictorDbContext> dbs, CancellationToken ct)
    {
        var imageId = ImageId.Parse(id);
        var patch = await OriginalPatch.ReadAsync(request, ct);
        await patcher.ApplyAsync(imageId, patch.SetsFocus, patch.Focus, patch.Tags, patch.Attributes, ct);
        return TypedResults.Ok(await dbs.ReadAsync(imageId, ct));
    }

    /// <summary>Removes every derived image of the original (records and bytes); the next request makes them again.</summary>
    private static async Task<NoContent> PurgeDerivedAsync(string id, OriginalPatcher patcher, CancellationToken ct)
    {
        var imageId = ImageId.Parse(id);
        if (!await patcher.PurgeDerivedAsync(imageId, ct)) throw NotFound(imageId);
        return TypedResults.NoContent();
    }

    private static async Task<StoredImageResult> GetAsync(string id, IDbContextFactory<PictorDbContext> dbs, IOptions<CacheOptions> cache, CancellationToken ct)
    {
        var imageId = ImageId.Parse(id);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var o = await db.Originals.AsNoTracking().FirstOrDefaultAsync(o => o.Id == imageId.Value, ct) ?? throw NotFound(imageId);
        ImageFormats.TryFromName(o.Format, out var format);
        return new StoredImageResult(o.StorageKey, format.ContentType(), o.Sha256, o.UpdatedAt,
            $"public, max-age={cache.Value.OriginalMaxAgeSeconds.ToString(CultureInfo.InvariantCulture)}");
    }

    private static async Task<Ok<OriginalMetadata>> MetadataAsync(string id, IDbContextFactory<PictorDbContext> dbs, CancellationToken ct) =>
        TypedResults.Ok(await dbs.ReadAsync(ImageId.Parse(id), ct));

    /// <summary>A page of originals in ID order, filtered (<see cref="OriginalFilter"/>); <c>next</c> is the <c>after</c> of the next page.</summary>
    private static async Task<Ok<OriginalPage>> ListAsync(HttpRequest request, IDbContextFactory<PictorDbContext> dbs, CancellationToken ct)
    {
        var filter = OriginalFilter.Parse(request.Query);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var page = await filter.Query(db).Take(filter.Limit + 1).ToListAsync(ct);
        var items = await db.ReadPageAsync(page.Take(filter.Limit).ToList(), ct);
        return TypedResults.Ok(new OriginalPage(items, page.Count > filter.Limit ? items[^1].Id : null));
    }

    private static ProblemException NotFound(ImageId id) => ProblemException.NotFound($"There is no original with the ID '{id}'.");
}
