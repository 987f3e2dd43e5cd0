using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Pictor.Docs;

/// <summary>
/// What holds for every operation: an <c>id</c> path parameter is an image ID; a HEAD operation (mapped together
/// with its GET) gets an operationId of its own and no response bodies.
/// </summary>
public sealed class OperationConventionsTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter is not { Name: "id", In: ParameterLocation.Path }) continue;
            parameter.Description = "The image ID, chosen by the client at upload: 1 to 128 of A-Z a-z 0-9 _ - (case-sensitive).";
            parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = ImageIdPattern, MinLength = 1, MaxLength = 128 };
            parameter.Example = JsonValue.Create("alice");
        }
        if (HttpMethods.IsHead(context.Description.HttpMethod ?? ""))
        {
            operation.OperationId += "Head";
            operation.Summary = $"Headers only: {operation.Summary}";
            foreach (var response in operation.Responses?.Values.OfType<OpenApiResponse>() ?? []) response.Content = null;
        }
        return Task.CompletedTask;
    }

    public const string ImageIdPattern = "^[A-Za-z0-9_-]{1,128}$";
}
