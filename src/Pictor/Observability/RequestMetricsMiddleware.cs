namespace Pictor.Observability;

/// <summary>Counts every response by method and status, and gives each one its request ID header.</summary>
public sealed class RequestMetricsMiddleware(RequestDelegate next, PictorMetrics metrics)
{
    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>
    /// The header is set before anything else runs (no OnStarting callback to allocate per request); the problem
    /// details writer sets it again on the error responses for which the exception handler cleared the headers.
    /// </summary>
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.Headers[RequestIdHeader] = context.TraceIdentifier;
        Task running;
        try
        {
            running = next(context);
        }
        catch
        {
            metrics.Request(context.Request.Method, context.Response.StatusCode);
            throw;
        }
        if (running.IsCompletedSuccessfully)
        {
            metrics.Request(context.Request.Method, context.Response.StatusCode);
            return Task.CompletedTask;
        }
        return AwaitAsync(running, context);
    }

    private async Task AwaitAsync(Task running, HttpContext context)
    {
        try
        {
            await running;
        }
        finally
        {
            metrics.Request(context.Request.Method, context.Response.StatusCode);
        }
    }
}
