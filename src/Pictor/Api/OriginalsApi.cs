using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Docs;
using Pictor.Images;
using Pictor.Metadata;
using Pictor.Originals;
using Pictor.Problems;
using Pictor.Storage;

namespace Pictor.Api;

public static class OriginalsApi
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    /// <summary>
    /// The originals. Each endpoint carries its OpenAPI description (Pictor.Docs.EndpointDocs); the prose reference
    /// is docs/API.md, and a change of behaviour here belongs there too.
    /// </summary>
    public static IEndpointRouteBuilder MapOriginals(this IEndpointRouteBuilder app)
    {
        var originals = app.MapGroup("/original").WithTags(ApiTags.Originals);
        originals.MapPost("/{id}", PostAsync).RequireKey(AccessScope.Write).DisableAntiforgery()
            .WithName("UploadOriginal").WithSummary("Upload a new original (pymager)")
            .WithDescription("Stores the image under the ID; a second POST of the ID is 409. The format is detected from the bytes.")
            .AcceptsImage(multipart: true)
            .Problems([ProblemTypes.InvalidId, ProblemTypes.InvalidMultipart, ProblemTypes.MissingFile, ProblemTypes.BadRequest, ..UploadProblems, ProblemTypes.Conflict]);
        originals.MapPut("/{id}", PutAsync).RequireKey(AccessScope.Write)
            .WithName("PutOriginal").WithSummary("Upload or replace an original")
            .WithDescription("201 when the ID was new, 200 when it replaced an original (whose derived images are removed).")
            .AcceptsImage(multipart: false)
            .Problems([ProblemTypes.InvalidId, ProblemTypes.BadRequest, ..UploadProblems, ProblemTypes.Conflict]);
        originals.MapDelete("/{id}", DeleteAsync).RequireKey(AccessScope.Write)
            .WithName("DeleteOriginal").WithSummary("Delete an original and every derived image of it")
            .Problems([ProblemTypes.InvalidId, ProblemTypes.NotFound, ..ProblemTypes.Reading]);
        originals.MapPatch("/{id}", PatchAsync).RequireKey(AccessScope.Write)
            .WithName("PatchOriginal").WithSummary("Change what is recorded about an original (RFC 7396 merge patch)")
            .WithDescription("`focus`: `{\"x\", \"y\"}` fractions of the upright image, or null to clear it. Derived images whose crop followed the old focus are removed at once.")
            .AcceptsJson(OriginalPatch.MediaType, "A merge patch; absent members are left alone, null clears.",
                new System.Text.Json.Nodes.JsonObject { ["focus"] = new System.Text.Json.Nodes.JsonObject { ["x"] = 0.31, ["y"] = 0.62 } })
            .Problems([ProblemTypes.InvalidId, ProblemTypes.InvalidJson, ProblemTypes.InvalidPatch, ProblemTypes.InvalidFocus,
                ProblemTypes.UnsupportedMediaType, ProblemTypes.UploadTooLarge, ProblemTypes.NotFound, ..ProblemTypes.Storing]);
        originals.MapMethods("/{id}", [HttpMethods.Get, HttpMethods.Head], GetAsync)
            .WithName("GetOriginal").WithSummary("The original's bytes, as uploaded")
            .ProducesImage("The bytes as uploaded, with the Content-Type of the detected format.")
            .Problems([ProblemTypes.InvalidId, ProblemTypes.NotFound, ..ProblemTypes.Reading]);
        originals.MapGet("/{id}/metadata", MetadataAsync)
            .WithName("GetOriginalMetadata").WithSummary("What is known about an original, with its derived images")
            .Problems([ProblemTypes.InvalidId, ProblemTypes.NotFound, ..ProblemTypes.Reading]);
        originals.MapGet("", ListAsync)
            .WithName("ListOriginals").WithSummary("A page of originals, ordered by ID")
            .WithDescription($"Pass `next` of a page as `after` for the next one; `next` is null on the last page. `limit`: 1 to {MaxPageSize}, default {DefaultPageSize}.")
            .Problems([ProblemTypes.InvalidId, ProblemTypes.InvalidPaging, ..ProblemTypes.Reading]);
        return app;
    }

    private static readonly ProblemType[] UploadProblems =
    [
        ProblemTypes.UnsupportedFormat, ProblemTypes.CorruptImage, ProblemTypes.UploadTooLarge, ProblemTypes.RequestTimeout,
        ProblemTypes.ImageOverLimits, ..ProblemTypes.Storing,
    ];

    private static async Task<Created<OriginalMetadata>> PostAsync(string id, HttpRequest request, UploadReceiver receiver, OriginalService service, CancellationToken ct)
    {
        var imageId = ImageId.Parse(id);
        var file = await receiver.ReceiveMultipartAsync(request, ct);
        try
        {
            var stored = await service.StoreAsync(imageId, file, replace: false, ct);
            return TypedResults.Created($"/original/{imageId}", OriginalMetadata.From(stored.Record, []));
        }
        finally
        {
            TempArea.TryDelete(file);
        }
    }

    private static async Task<Results<Created<OriginalMetadata>, Ok<OriginalMetadata>>> PutAsync(string id, HttpRequest request, UploadReceiver receiver, OriginalService service, CancellationToken ct)
    {
        var imageId = ImageId.Parse(id);
        var file = await receiver.ReceiveRawAsync(request, ct);
        try
        {
            var stored = await service.StoreAsync(imageId, file, replace: true, ct);
            var body = OriginalMetadata.From(stored.Record, []);
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

    /// <summary>Merge patch of what is recorded about an original (its focal point); answers the new metadata.</summary>
    private static async Task<Ok<OriginalMetadata>> PatchAsync(string id, HttpRequest request, OriginalPatcher patcher, IDbContextFactory<PictorDbContext> dbs, CancellationToken ct)
    {
        var imageId = ImageId.Parse(id);
        var patch = await OriginalPatch.ReadAsync(request, ct);
        if (patch.SetsFocus) await patcher.SetFocusAsync(imageId, patch.Focus, ct);
        return await MetadataAsync(id, dbs, ct);
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

    private static async Task<Ok<OriginalMetadata>> MetadataAsync(string id, IDbContextFactory<PictorDbContext> dbs, CancellationToken ct)
    {
        var imageId = ImageId.Parse(id);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var o = await db.Originals.AsNoTracking().FirstOrDefaultAsync(o => o.Id == imageId.Value, ct) ?? throw NotFound(imageId);
        var derived = await db.Derived.AsNoTracking()
            .Where(d => d.OriginalId == imageId.Value && d.State == DerivedState.Ready)
            .OrderBy(d => d.Variant).ToListAsync(ct);
        return TypedResults.Ok(OriginalMetadata.From(o, derived));
    }

    private static async Task<Ok<OriginalPage>> ListAsync(
        [Description("Start after this ID (the `next` of the previous page).")] string? after,
        [Description("Originals per page, 1 to 1000 (default 100).")] string? limit, IDbContextFactory<PictorDbContext> dbs, CancellationToken ct)
    {
        var size = ParseLimit(limit);
        var start = after is null ? null : ImageId.Parse(after).Value;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.Originals.AsNoTracking();
        if (start is not null) query = query.Where(o => string.Compare(o.Id, start) > 0);
        var page = await query.OrderBy(o => o.Id).Take(size + 1).ToListAsync(ct);
        var items = page.Take(size).Select(o => OriginalMetadata.From(o, [])).ToList();
        return TypedResults.Ok(new OriginalPage(items, page.Count > size ? items[^1].Id : null));
    }

    private static int ParseLimit(string? limit)
    {
        if (limit is null) return DefaultPageSize;
        if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > MaxPageSize)
            throw ProblemException.BadRequest("invalid-paging", $"limit must be a whole number from 1 to {MaxPageSize}; got '{(limit.Length > 20 ? limit[..20] : limit)}'.");
        return n;
    }

    private static ProblemException NotFound(ImageId id) => ProblemException.NotFound($"There is no original with the ID '{id}'.");
}
