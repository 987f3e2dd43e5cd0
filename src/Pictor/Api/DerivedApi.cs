using System.ComponentModel;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Pictor.Access;
using Pictor.Caching;
using Pictor.Configuration;
using Pictor.Derivation;
using Pictor.Docs;
using Pictor.Images;
using Pictor.Metadata;
using Pictor.Observability;
using Pictor.Problems;
using Pictor.Storage;

namespace Pictor.Api;

/// <summary>The derived images. Described in the OpenAPI document and in docs/API.md (keep both in step).</summary>
public static class DerivedApi
{
    private const string SigningNote = "With Pictor:Signing:Keys set, a URL may carry ?s={signature} (and ?exp={unix seconds} when it expires); " +
        "Pictor:Signing:Required and Pictor:PresetsOnly decide which URLs need one.";

    private static readonly ProblemType[] DerivedProblems =
    [
        ProblemTypes.InvalidId, ProblemTypes.UnknownExtension, ProblemTypes.InvalidOption, ProblemTypes.RepeatedOption,
        ProblemTypes.InvalidSignature, ProblemTypes.SignatureRequired, ProblemTypes.PresetsOnly, ProblemTypes.SizeNotAllowed,
        ProblemTypes.NotFound, ProblemTypes.UndecodableOriginal, ProblemTypes.Busy, ProblemTypes.DependencyUnavailable, ProblemTypes.InsufficientStorage, ProblemTypes.InternalError,
    ];

    /// <summary>On the response that generated the image: what it was made from (<c>original</c>, <c>level-1024</c>, …).</summary>
    public const string SourceHeader = "Pictor-Source";

    public static IEndpointRouteBuilder MapDerived(this IEndpointRouteBuilder app)
    {
        var derived = app.MapGroup("").WithTags(ApiTags.Derived);
        derived.MapMethods("/derived/{name}", [HttpMethods.Get, HttpMethods.Head], GetPymagerAsync)
            .WithName("GetDerived").WithSummary("A derived image (pymager): {id}-{width}x{height}.{ext}")
            .WithDescription("Scaled to cover width×height and cropped around the focal point (else the centre). Generated once on the first request, " +
                "across every instance, then served from storage. ext: jpg, jpeg, png, webp, gif, avif, tiff (any case). " + SigningNote)
            .ProducesImage("The derived image; Cache-Control: public, max-age=Pictor:Cache:MaxAgeSeconds, immutable.")
            .Problems(DerivedProblems);
        derived.MapMethods("/derived/{id}/{options}", [HttpMethods.Get, HttpMethods.Head], GetOptionsAsync)
            .WithName("GetTransformed").WithSummary("A transformed image: /derived/{id}/{options}.{ext}")
            .WithDescription("options: comma-separated key_value transformations (w, h, c, g, q, dpr, b) or t_{preset}; " +
                "ext: an image format, or auto to choose from Accept (Vary: Accept). See docs/API.md. " + SigningNote)
            .ProducesImage("The transformed image; Cache-Control: public, max-age=Pictor:Cache:MaxAgeSeconds, immutable.")
            .Problems(DerivedProblems);
        return app;
    }

    /// <summary>pymager's <c>/derived/{id}-{w}x{h}.{ext}</c>: fill W×H.</summary>
    private static Task<StoredImageResult> GetPymagerAsync(
        [Description("{id}-{width}x{height}.{ext}, for example alice-300x200.jpg.")] string name, TransformParser parser, IOptions<LimitsOptions> limits, HttpContext context, CancellationToken ct) =>
        ServeAsync(parser.Pymager(DerivedSpec.Parse(name, limits.Value.MaxDimension)), context, ct);

    /// <summary><c>/derived/{id}/{options}.{ext}</c>.</summary>
    private static Task<StoredImageResult> GetOptionsAsync(
        [Description("The original's ID.")] string id, [Description("{transformations}.{ext}, for example w_300,h_200,c_fill.webp or t_thumb.auto.")] string options, TransformParser parser, HttpContext context, CancellationToken ct) =>
        ServeAsync(parser.Parse(id, options), context, ct);

    /// <summary>How often a request looks its image up again when the stored one went before it was read.</summary>
    private const int LookupsAgain = 3;

    /// <summary>parsed → allowed? → format chosen → stored already, or made once → serve (304 from the record alone).</summary>
    private static async Task<StoredImageResult> ServeAsync(TransformRequest request, HttpContext context, CancellationToken ct)
    {
        var services = context.RequestServices;
        var signature = services.GetRequiredService<UrlSigner>().Check(context.Request);
        services.GetRequiredService<DerivedAccess>().Check(request, signature);
        var result = await AnswerAsync(request, context, LookupsAgain, ct);
        services.GetRequiredService<PictorMetrics>().DerivedServed();
        return result;
    }

    /// <summary>
    /// Finds or makes the image and answers with it. If its stored bytes are gone by the time they are read
    /// (evicted, purged, or its original replaced, after the lookup), the answer looks it up again, which makes
    /// it again (or finds the one another request made): a 404 only ever comes from an original that is gone.
    /// Bytes gone or cut short under a record that still points at them were lost (a power cut: derived images
    /// are not fsynced, see <see cref="IBlobStore.PutBytesAsync"/>); that record goes first, so they are made again.
    /// </summary>
    private static async Task<StoredImageResult> AnswerAsync(TransformRequest request, HttpContext context, int lookupsAgain, CancellationToken ct)
    {
        var services = context.RequestServices;
        var hits = services.GetRequiredService<HitCache>();
        var ticket = hits.Ticket(); // before the lookup: a change committed after it keeps this answer out of the cache
        var format = request.Format ?? await ChooseAsync(request.Id, context, ct);
        var spec = request.For(format);
        var (record, content, source) = await services.GetRequiredService<DerivedImageService>().GetAsync(spec, ct);
        if (source is not null) context.Response.Headers[SourceHeader] = source;
        services.GetRequiredService<DerivedEviction>().Served(record);
        if (request.Format is null) context.Response.Headers.Vary = HeaderNames.Accept;
        var maxAge = services.GetRequiredService<IOptions<CacheOptions>>().Value.MaxAgeSeconds.ToString(CultureInfo.InvariantCulture);
        var cacheControl = $"public, max-age={maxAge}, immutable";
        // Only what the path alone decides: no signature in the query, no format chosen from Accept.
        if (request.Format is not null && !context.Request.QueryString.HasValue && context.Request.Path.Value is { } path
            && hits.WantsAdmission(path, record.Bytes)
            && (content ?? await ReadAsync(services.GetRequiredService<IBlobStore>(), record, ct)) is { } bytes)
        {
            hits.Admit(path, new CachedImage(spec.Id.Value, bytes, spec.Format.ContentType(), record.Sha256!, record.CreatedAt, cacheControl), ticket);
            content = bytes;
        }
        return new StoredImageResult(record.StorageKey, spec.Format.ContentType(), record.Sha256!, record.CreatedAt, cacheControl, content,
            lookupsAgain > 0 ? again => AnswerAgainAsync(request, record.StorageKey, context, lookupsAgain - 1, again) : null, record.Bytes);
    }

    private static async Task<StoredImageResult> AnswerAgainAsync(TransformRequest request, string lostKey, HttpContext context, int lookupsAgain, CancellationToken ct)
    {
        await context.RequestServices.GetRequiredService<DerivedEviction>().ForgetLostAsync(lostKey, ct);
        return await AnswerAsync(request, context, lookupsAgain, ct);
    }

    /// <summary>A stored derived image's bytes, to admit it to the hit cache; null if they went (or were cut short) meanwhile.</summary>
    private static async Task<byte[]?> ReadAsync(IBlobStore blobs, DerivedRecord record, CancellationToken ct)
    {
        var blob = await blobs.OpenReadAsync(record.StorageKey, ct);
        if (blob is null) return null;
        await using var stream = blob.Stream;
        if (blob.Length != record.Bytes) return null;
        var bytes = new byte[blob.Length];
        await stream.ReadExactlyAsync(bytes, ct);
        return bytes;
    }

    /// <summary><c>auto</c>: from <c>Accept</c>, and for the JPEG/PNG fallback from whether the original has alpha.</summary>
    private static async Task<ImageFormat> ChooseAsync(ImageId id, HttpContext context, CancellationToken ct)
    {
        var accept = context.Request.Headers.Accept;
        var modern = AutoFormat.Choose(accept, originalHasAlpha: false);
        if (modern is not ImageFormat.Jpeg) return modern;
        var dbs = context.RequestServices.GetRequiredService<IDbContextFactory<PictorDbContext>>();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var original = await db.Originals.AsNoTracking().Where(o => o.Id == id.Value)
            .Select(o => new { o.HasAlpha, o.Format }).FirstOrDefaultAsync(ct)
            ?? throw ProblemException.NotFound($"There is no original with the ID '{id}'.");
        // Recorded since alpha was; before that, only a JPEG is sure to have none.
        return AutoFormat.Choose(accept, original.HasAlpha ?? original.Format != ImageFormat.Jpeg.Name());
    }
}
