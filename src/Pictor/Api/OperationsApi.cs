using Microsoft.EntityFrameworkCore;
using Pictor.Metadata;
using Pictor.Observability;

namespace Pictor.Api;

public static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", HealthAsync);
        app.MapGet("/metrics", MetricsAsync);
        app.MapGet("/stats", StatsAsync).RequireKey(AccessScope.Read);
        return app;
    }

    /// <summary>The counters, and the storage totals counted from the database at this scrape (left out while it does not answer).</summary>
    private static async Task<IResult> MetricsAsync(PictorMetrics metrics, IDbContextFactory<PictorDbContext> dbs, ILogger<PictorMetrics> logger, CancellationToken ct)
    {
        StorageTotals? stored = null;
        try
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            stored = await db.StorageTotalsAsync(ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            logger.LogWarning(e, "Counting what is stored failed; /metrics leaves out the pictor_stored_* gauges this time");
        }
        return TypedResults.Text(metrics.Render(stored), "text/plain; version=0.0.4; charset=utf-8");
    }

    /// <summary>What is stored, by kind: originals and derived images, counts and bytes.</summary>
    private static async Task<IResult> StatsAsync(IDbContextFactory<PictorDbContext> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return TypedResults.Ok(await db.StorageTotalsAsync(ct));
    }

    /// <summary>Healthy when the database answers; the blob store is checked by the requests themselves.</summary>
    private static async Task<IResult> HealthAsync(IDbContextFactory<PictorDbContext> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct)
            ? TypedResults.Text("ok\n")
            : TypedResults.Problem(statusCode: 503, title: "Database unavailable", detail: "The metadata database does not answer.");
    }
}
