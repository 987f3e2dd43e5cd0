using System.Globalization;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Derivation;
using Pictor.Images;
using Pictor.Observability;

namespace Pictor.Api;

public static class DerivedApi
{
    public static IEndpointRouteBuilder MapDerived(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/derived/{name}", [HttpMethods.Get, HttpMethods.Head], GetAsync);
        return app;
    }

    /// <summary>parse → size allowed? → stored already, or made once → serve (304 from the record alone).</summary>
    private static async Task<StoredImageResult> GetAsync(
        string name, SizePolicy sizes, DerivedImageService derived, PictorMetrics metrics,
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
