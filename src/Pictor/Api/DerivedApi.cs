using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Derivation;
using Pictor.Docs;
using Pictor.Images;
using Pictor.Observability;
using Pictor.Problems;

namespace Pictor.Api;

/// <summary>The derived images. Described in the OpenAPI document and in docs/API.md (keep both in step).</summary>
public static class DerivedApi
{
    public static IEndpointRouteBuilder MapDerived(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/derived/{name}", [HttpMethods.Get, HttpMethods.Head], GetAsync).WithTags(ApiTags.Derived)
            .WithName("GetDerived").WithSummary("A derived image (pymager): {id}-{width}x{height}.{ext}")
            .WithDescription("Scaled to cover width×height and cropped around the focal point (else the centre). Generated once on the first request, " +
                "across every instance, then served from storage. ext: jpg, jpeg, png, webp, gif, avif, tiff (any case).")
            .ProducesImage("The derived image; Cache-Control: public, max-age=Pictor:Cache:MaxAgeSeconds, immutable.")
            .Problems(ProblemTypes.UnknownExtension, ProblemTypes.SizeNotAllowed, ProblemTypes.NotFound, ProblemTypes.Busy,
                ProblemTypes.DependencyUnavailable, ProblemTypes.InsufficientStorage, ProblemTypes.InternalError);
        return app;
    }

    /// <summary>parse → size allowed? → stored already, or made once → serve (304 from the record alone).</summary>
    private static async Task<StoredImageResult> GetAsync(
        [Description("{id}-{width}x{height}.{ext}, for example alice-300x200.jpg.")] string name, SizePolicy sizes, DerivedImageService derived, PictorMetrics metrics,
        IOptions<LimitsOptions> limits, IOptions<CacheOptions> cache, CancellationToken ct)
    {
        var spec = DerivedSpec.Parse(name, limits.Value.MaxDimension);
        sizes.Check(spec);
        var (record, content) = await derived.GetAsync(spec, ct);
        metrics.DerivedServed();
        return new StoredImageResult(record.StorageKey, spec.Format.ContentType(), record.Sha256!, record.CreatedAt,
            $"public, max-age={cache.Value.MaxAgeSeconds.ToString(CultureInfo.InvariantCulture)}, immutable", content);
    }
}
