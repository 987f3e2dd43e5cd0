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
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static IEndpointRouteBuilder MapOriginals(this IEndpointRouteBuilder app)
    {
        var originals = app.MapGroup("/original");
        originals.MapPost("/{id}", PostAsync).RequireKey(AccessScope.Write).DisableAntiforgery();
        originals.MapPut("/{id}", PutAsync).RequireKey(AccessScope.Write);
        originals.MapDelete("/{id}", DeleteAsync).RequireKey(AccessScope.Write);
        originals.MapPatch("/{id}", PatchAsync).RequireKey(AccessScope.Write);
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

    private static async Task<Ok<OriginalPage>> ListAsync(string? after, string? limit, IDbContextFactory<PictorDbContext> dbs, CancellationToken ct)
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
