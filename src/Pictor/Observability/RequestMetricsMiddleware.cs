namespace Pictor.Observability;

/// <summary>Counts every response by method and status, and gives each one its request ID header.</summary>
public sealed class RequestMetricsMiddleware(RequestDelegate next, PictorMetrics metrics)
{
    public const string RequestIdHeader = "X-Request-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[RequestIdHeader] = context.TraceIdentifier;
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            metrics.Request(context.Request.Method, context.Response.StatusCode);
        }
    }
}
