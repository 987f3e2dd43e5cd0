using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Pictor.Problems;

namespace Pictor.Docs;

/// <summary>
/// Gives each problem response of an operation (from <see cref="EndpointDocs.Problems"/>) a description naming its
/// problem types and one example body per type.
/// </summary>
public sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var types = context.Description.ActionDescriptor.EndpointMetadata.OfType<ProblemResponses>().SelectMany(p => p.Types).Distinct();
        foreach (var status in types.GroupBy(t => t.Status))
        {
            if (operation.Responses is null
                || !operation.Responses.TryGetValue(status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), out var found)
                || found is not OpenApiResponse response
                || response.Content is null || !response.Content.TryGetValue(EndpointDocs.ProblemContentType, out var media))
                continue;
            response.Description = string.Join("\n", status.Select(t => $"`{t.Slug}`: {t.When}"));
            media.Examples = status.ToDictionary(t => t.Slug, t => (IOpenApiExample)new OpenApiExample { Summary = t.Title, Value = Example(t) });
            if (status.Any(t => t.Status is 503 or 507 or 429))
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before trying again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } };
            }
            if (status.Key == 401)
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["WWW-Authenticate"] = new OpenApiHeader { Description = "Basic realm=\"pictor\", then Bearer realm=\"pictor\".", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
        }
        return Task.CompletedTask;
    }

    private static JsonObject Example(ProblemType type) => new()
    {
        ["type"] = type.Uri,
        ["title"] = type.Title,
        ["status"] = type.Status,
        ["detail"] = type.ExampleDetail,
        ["requestId"] = "0HN8QK4J2B1VA:00000001",
    };
}
