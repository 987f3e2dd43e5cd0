using Microsoft.EntityFrameworkCore;
using Pictor.Metadata;
using Pictor.Observability;

namespace Pictor.Api;

public static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", HealthAsync);
        app.MapGet("/metrics", (PictorMetrics metrics) => TypedResults.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));
        return app;
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
