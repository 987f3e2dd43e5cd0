using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictor.Access;
using Pictor.Configuration;
using Pictor.Derivation;
using Pictor.Docs;
using Pictor.Fetching;
using Pictor.Images;
using Pictor.Metadata;
using Pictor.Originals;
using Pictor.Problems;
using Pictor.Storage;

namespace Pictor.Api;

public static class OriginalsApi
{
    /// <summary>
    /// The originals. Each endpoint carries its OpenAPI description (Pictor.Docs.EndpointDocs); the prose reference
    /// is docs/API.md, and a change of behaviour here belongs there too.
    /// </summary>
    public static IEndpointRouteBuilder MapOriginals(this IEndpointRouteBuilder app)
    {
        var originals = app.MapGroup("/original").WithTags(ApiTags.Originals);
        originals.MapPost("/{id}", PostAsync).RequireKey(AccessScope.Write).DisableAntiforgery()
            .WithName("UploadOriginal").WithSummary("Upload a new original (pymager), or have it fetched from a URL")
            .WithDescription("Stores the image under the ID; a second POST of the ID is 409. The format is detected from the bytes. " +
                "Upload by URL: an application/json body {\"url\": \"https://…\"} has the service fetch the image, from hosts in Pictor:Fetch:AllowedHosts only " +
                $"(internal addresses only for hosts listed by name; at most {UrlFetcher.MaxRedirects} redirects, each checked; within Pictor:Limits:MaxUploadBytes and Pictor:Fetch:TimeoutSeconds); " +
                "a URL that may not be fetched is 400 url-not-allowed, a fetch that fails 422 fetch-failed.")
            .AcceptsImage(multipart: true)
            .AlsoAcceptsJson("application/json", "Or, as application/json, {\"url\": \"https://…\"}: the service fetches the image (upload by URL).", new System.Text.Json.Nodes.JsonObject { ["url"] = "https://images.example.com/alice.jpg" })
            .Problems([ProblemTypes.InvalidId, ProblemTypes.InvalidMultipart, ProblemTypes.MissingFile, ProblemTypes.BadRequest, ProblemTypes.InvalidJson,
                ProblemTypes.UrlNotAllowed, ProblemTypes.FetchFailed, ..UploadProblems, ProblemTypes.Conflict]);
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
            .WithDescription("`focus`: `{\"x\", \"y\"}` fractions of the upright image, or null to clear it; derived images whose crop followed the old focus are removed at once. " +
                "`tags`: a list of names that replaces the tags, or null to clear them. `attributes`: names to strings merged in (a null value removes its key), or null to clear them.")
            .AcceptsJson(OriginalPatch.MediaType, "A merge patch; absent members are left alone, null clears.",
                new System.Text.Json.Nodes.JsonObject
                {
                    ["focus"] = new System.Text.Json.Nodes.JsonObject { ["x"] = 0.31, ["y"] = 0.62 },
                    ["tags"] = new System.Text.Json.Nodes.JsonArray("beach", "2024"),
                    ["attributes"] = new System.Text.Json.Nodes.JsonObject { ["photographer"] = "alice", ["old"] = null },
                })
            .Problems([ProblemTypes.InvalidId, ProblemTypes.InvalidJson, ProblemTypes.InvalidPatch, ProblemTypes.InvalidFocus,
                ProblemTypes.InvalidTags, ProblemTypes.InvalidAttributes, ProblemTypes.UnsupportedMediaType, ProblemTypes.UploadTooLarge, ProblemTypes.NotFound, ..ProblemTypes.Storing]);
        originals.MapDelete("/{id}/derived", PurgeDerivedAsync).RequireKey(AccessScope.Admin)
            .WithName("PurgeDerived").WithSummary("Remove every derived image of an original; the next request makes them again")
            .Problems([ProblemTypes.InvalidId, ProblemTypes.NotFound, ..ProblemTypes.Storing]);
        originals.MapMethods("/{id}", [HttpMethods.Get, HttpMethods.Head], GetAsync)
            .WithName("GetOriginal").WithSummary("The original's bytes, as uploaded; a single Range (206, or 416) is served")
            .WithDescription("Public by default. With Pictor:Originals:Public=false it needs a key of scope read or more, or a signed URL " +
                "(?s={signature}[&exp={unix seconds}], signed as derived URLs are, over the path /original/{id}); derived images stay public.")
            .ProducesImage("The bytes as uploaded, with the Content-Type of the detected format.")
            .Problems([ProblemTypes.InvalidId, ProblemTypes.NotFound, ProblemTypes.Unauthorized, ProblemTypes.InsufficientScope,
                ProblemTypes.InvalidSignature, ProblemTypes.TooManyFailedAuthentications, ..ProblemTypes.Reading]);
        originals.MapGet("/{id}/metadata", MetadataAsync)
            .WithName("GetOriginalMetadata").WithSummary("What is known about an original, with its derived images")
            .Problems([ProblemTypes.InvalidId, ProblemTypes.NotFound, ..ProblemTypes.Reading]);
        originals.MapGet("", ListAsync)
            .WithName("ListOriginals").WithSummary("A page of originals, ordered by ID, filtered")
            .WithDescription("Pass `next` of a page as `after` for the next one; `next` is null on the last page. Every filter given must match.")
            .QueryParameters(
                ("after", "Start after this ID (the `next` of the previous page)."),
                ("limit", $"Originals per page, 1 to {OriginalFilter.MaxPageSize} (default {OriginalFilter.DefaultPageSize})."),
                ("tag", $"Only originals with this tag; repeatable (up to {OriginalFilter.MaxTags}), all must match."),
                ("prefix", "Only IDs that start with this."),
                ("format", "Only originals of this format (jpeg, png, webp, gif, avif, tiff, …)."),
                ("since", "Created at or after this ISO 8601 date or instant (UTC without an offset)."),
                ("until", "Created before this ISO 8601 date or instant."))
            .Problems([ProblemTypes.InvalidId, ProblemTypes.InvalidPaging, ProblemTypes.InvalidFilter, ..ProblemTypes.Reading]);
        return app;
    }

    private static readonly ProblemType[] UploadProblems =
    [
        ProblemTypes.UnsupportedFormat, ProblemTypes.CorruptImage, ProblemTypes.UploadTooLarge, ProblemTypes.RequestTimeout,
        ProblemTypes.ImageOverLimits, ..ProblemTypes.Storing,
    ];

    private static async Task<Created<OriginalMetadata>> PostAsync(
        string id, HttpRequest request, UploadReceiver receiver, UrlFetcher fetcher, OriginalService service, EagerDerivations eager, CancellationToken ct)
    {
        var imageId = ImageId.Parse(id);
        var file = UrlUpload.Is(request)
            ? await fetcher.FetchAsync(await UrlUpload.ReadAsync(request, ct), ct)
            : await receiver.ReceiveMultipartAsync(request, ct);
        try
        {
            // A new ID has nothing else recorded yet (a delete took its tags and attributes along).
            var stored = await service.StoreAsync(imageId, file, replace: false, ct);
            MakeEagerPresetsAfterResponse(request, eager, imageId);
            return TypedResults.Created($"/original/{imageId}", OriginalMetadata.From(stored.Record, [], [], [], 0));
        }
        finally
        {
            TempArea.TryDelete(file);
        }
    }

    private static async Task<Results<Created<OriginalMetadata>, Ok<OriginalMetadata>>> PutAsync(
        string id, HttpRequest request, UploadReceiver receiver, OriginalService service, EagerDerivations eager, IDbContextFactory<PictorDbContext> dbs, CancellationToken ct)
    {
        var imageId = ImageId.Parse(id);
        var file = await receiver.ReceiveRawAsync(request, ct);
        try
        {
            var stored = await service.StoreAsync(imageId, file, replace: true, ct);
            MakeEagerPresetsAfterResponse(request, eager, imageId);
            // A replace keeps what is recorded about the ID (focus, tags, attributes): read it back. A DELETE that
            // committed in between does not undo the replace that succeeded: it answers with what it stored.
            var body = stored.Created
                ? OriginalMetadata.From(stored.Record, [], [], [], 0)
                : await dbs.TryReadAsync(imageId, ct) ?? OriginalMetadata.From(stored.Record, [], [], [], 0);
            return stored.Created ? TypedResults.Created($"/original/{imageId}", body) : TypedResults.Ok(body);
        }
        finally
        {
            TempArea.TryDelete(file);
        }
    }

    /// <summary><c>Pictor:EagerPresets</c> are queued once the response has gone out, so they never delay it.</summary>
    private static void MakeEagerPresetsAfterResponse(HttpRequest request, EagerDerivations eager, ImageId id)
    {
        if (!eager.Enabled) return;
        request.HttpContext.Response.OnCompleted(() =>
        {
            eager.Enqueue(id);
            return Task.CompletedTask;
        });
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

    private static Task<StoredImageResult> GetAsync(string id, HttpContext http, OriginalAccess access, IDbContextFactory<PictorDbContext> dbs, IOptions<CacheOptions> cache, CancellationToken ct)
    {
        var imageId = ImageId.Parse(id);
        access.Check(http);
        return FindAsync(imageId, access.Public, dbs, cache.Value, lookupsAgain: 3, ct);
    }

    /// <summary>The original's record; if its bytes went before they were read (a replace meanwhile), a new lookup's answer.</summary>
    private static async Task<StoredImageResult> FindAsync(ImageId imageId, bool isPublic, IDbContextFactory<PictorDbContext> dbs, CacheOptions cache, int lookupsAgain, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var o = await db.Originals.AsNoTracking().FirstOrDefaultAsync(o => o.Id == imageId.Value, ct) ?? throw NotFound(imageId);
        ImageFormats.TryFromName(o.Format, out var format);
        return new StoredImageResult(o.StorageKey, format.ContentType(), o.Sha256, o.UpdatedAt,
            $"{(isPublic ? "public" : "private")}, max-age={cache.OriginalMaxAgeSeconds.ToString(CultureInfo.InvariantCulture)}",
            lookAgain: lookupsAgain > 0 ? again => FindAsync(imageId, isPublic, dbs, cache, lookupsAgain - 1, again) : null);
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
