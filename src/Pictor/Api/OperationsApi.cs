using Microsoft.EntityFrameworkCore;
using Pictor.Docs;
using Pictor.Metadata;
using Pictor.Observability;
using Pictor.Problems;

namespace Pictor.Api;

/// <summary>The page at /, health and metrics. Described in the OpenAPI document and in docs/API.md.</summary>
public static class OperationsApi
{
    public const string PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        var operations = app.MapGroup("").WithTags(ApiTags.Operations);
        operations.MapGet("/", HomePage.Render)
            .WithName("Home").WithSummary("This page: links to the API reference, health and metrics").Produces(200, contentType: HomePage.ContentType);
        operations.MapGet("/healthz", HealthAsync)
            .WithName("Health").WithSummary("ok while the database answers").Produces<string>(200, "text/plain")
            .Problems(ProblemTypes.DependencyUnavailable);
        operations.MapGet("/metrics", (PictorMetrics metrics) => TypedResults.Text(metrics.Render(), PrometheusContentType))
            .WithName("Metrics").WithSummary("Counters in the Prometheus text format (pictor_* names; see the README)").Produces<string>(200, PrometheusContentType);
        return app;
    }

    /// <summary>Healthy when the database answers; the blob store is checked by the requests themselves.</summary>
    private static async Task<IResult> HealthAsync(IDbContextFactory<PictorDbContext> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct)
            ? TypedResults.Text("ok\n")
            : TypedResults.Problem(statusCode: 503, title: "Database unavailable", detail: "The metadata database does not answer.",
                type: ProblemTypes.DependencyUnavailable.Uri);
    }
}
