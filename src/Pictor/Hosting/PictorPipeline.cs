using Pictor.Api;
using Pictor.Caching;
using Pictor.Docs;
using Pictor.Observability;

namespace Pictor.Hosting;

public static class PictorPipeline
{
    public static WebApplication UsePictor(this WebApplication app)
    {
        app.UsePictorGracefulShutdown();
        app.UseMiddleware<RequestMetricsMiddleware>();
        app.UseMiddleware<HitCacheMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages(); // 404/405 from routing get problem bodies too
        // Routing here, not where WebApplication would put it (first of all): a cached hit never needs an
        // endpoint, so it is answered before the route matcher runs; errors re-run routing as usual.
        app.UseRouting();
        app.MapOriginals();
        app.MapDerived();
        app.MapOperations();
        app.MapPictorDocs();
        app.MapAdminUi();
        return app;
    }
}
