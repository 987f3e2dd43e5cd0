using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Pictor.Problems;

/// <summary>The one place that turns failures into RFC 9457 responses. Only faults of the service are 500s.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public const string TypeBase = "https://pictor.dev/problems/";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            return true; // the client left; nobody to answer

        var problem = exception switch
        {
            ProblemException p => p,
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                ProblemException.TooLarge("The request body is larger than the upload limit (Pictor:Limits:MaxUploadBytes)."),
            BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } b =>
                new ProblemException(408, "request-timeout", "Request timeout", b.Message),
            BadHttpRequestException b => ProblemException.BadRequest("bad-request", b.Message),
            _ when StorageFull.Is(exception) => StorageFull.Problem(),
            _ when DependencyDown.Is(exception) => DependencyDown.Problem(),
            _ => null,
        };
        if (problem?.Status is StatusCodes.Status507InsufficientStorage or StatusCodes.Status503ServiceUnavailable && exception is not ProblemException)
            logger.LogWarning(exception, "{Title} serving {Method} {Path} (request {RequestId})", problem.Title, context.Request.Method, context.Request.Path, context.TraceIdentifier);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled fault serving {Method} {Path} (request {RequestId})", context.Request.Method, context.Request.Path, context.TraceIdentifier);
            problem = new ProblemException(500, "internal-error", "Internal server error",
                $"The service failed to handle this request; it has been logged under request ID {context.TraceIdentifier}.");
        }

        context.Response.StatusCode = problem.Status;
        // The exception middleware cleared the response, so headers belonging to the status are set here.
        // Basic first and in a header of its own: pymager's clients answer a Basic challenge with the key as password,
        // and some HTTP clients read only the first challenge of a header.
        if (problem.Status == StatusCodes.Status401Unauthorized)
            context.Response.Headers.WWWAuthenticate = new Microsoft.Extensions.Primitives.StringValues(["Basic realm=\"pictor\"", "Bearer realm=\"pictor\""]);
        if (problem.RetryAfterSeconds is { } retry) context.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = problem.Status,
                Type = TypeBase + problem.Type,
                Title = problem.Title,
                Detail = problem.Detail,
            },
        });
    }
}
