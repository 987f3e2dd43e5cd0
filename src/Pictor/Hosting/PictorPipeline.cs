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
        app.MapOriginals();
        app.MapDerived();
        app.MapOperations();
        app.MapPictorDocs();
        app.MapAdminUi();
        return app;
    }
}
