using Microsoft.EntityFrameworkCore;
using Pictor.Docs;
using Pictor.Metadata;
using Pictor.Observability;
using Pictor.Problems;
using Pictor.Webhooks;

namespace Pictor.Api;

/// <summary>The page at /, health and metrics. Described in the OpenAPI document and in docs/API.md.</summary>
public static class OperationsApi
{
    public const string PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        var operations = app.MapGroup("").WithTags(ApiTags.Operations);
        operations.MapGet("/", HomePage.Render)
            .WithName("Home").WithSummary("This page: links to the API reference, the admin UI, health and metrics").Produces(200, contentType: HomePage.ContentType);
        operations.MapGet("/healthz", HealthAsync)
            .WithName("Health").WithSummary("ok while the database answers").Produces<string>(200, "text/plain")
            .Problems(ProblemTypes.DependencyUnavailable);
        operations.MapGet("/metrics", MetricsAsync)
            .WithName("Metrics").WithSummary("Counters and storage gauges in the Prometheus text format (pictor_* names; see the README)").Produces<string>(200, PrometheusContentType);
        operations.MapGet("/stats", StatsAsync).RequireKey(AccessScope.Read)
            .WithName("Stats").WithSummary("What is stored: originals and derived images, counts and bytes").Produces<StorageTotals>(200)
            .Problems(ProblemTypes.Reading);
        return app;
    }

    /// <summary>The counters, and the storage totals and the webhook outbox counted from the database at this scrape (and the webhook outbox, counted from the database at this scrape (left out while it does not answer)).</summary>
    private static async Task<IResult> MetricsAsync(PictorMetrics metrics, IDbContextFactory<PictorDbContext> dbs, ILogger<PictorMetrics> logger, CancellationToken ct)
    {
        StorageTotals? stored = null;
        OutboxTotals? outbox = null;
        try
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            stored = await db.StorageTotalsAsync(ct);
            outbox = await OutboxLeases.TotalsAsync(db, ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            logger.LogWarning(e, "Counting what is stored failed; /metrics leaves out the pictor_stored_* and pictor_webhooks_pending/failing gauges this time");
        }
        return TypedResults.Text(metrics.Render(stored, outbox), PrometheusContentType);
    }

    /// <summary>What is stored, by kind: originals and derived images, counts and bytes.</summary>
    private static async Task<IResult> StatsAsync(IDbContextFactory<PictorDbContext> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return TypedResults.Ok(await db.StorageTotalsAsync(ct));
    }

    private static readonly IResult Healthy = TypedResults.Text("ok\n");

    /// <summary>
    /// Healthy when the database answered a recent check (<see cref="DatabaseHealth"/>: not a connection per probe);
    /// the blob store is checked by the requests themselves.
    /// </summary>
    private static async Task<IResult> HealthAsync(DatabaseHealth health) =>
        await health.IsHealthyAsync()
            ? Healthy
            : TypedResults.Problem(statusCode: 503, title: "Database unavailable", detail: "The metadata database does not answer.",
                type: ProblemTypes.DependencyUnavailable.Uri);
}
