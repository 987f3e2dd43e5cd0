using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Pictor.Api;

namespace Pictor.Docs;

/// <summary>Marks operations guarded by <see cref="WriteAccess"/> as needing a key (Bearer or Basic) of their scope.</summary>
public sealed class KeyRequirementTransformer : IOpenApiOperationTransformer
{
    public const string Bearer = "bearer";
    public const string Basic = "basic";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<WriteAccess>().FirstOrDefault() is not { } access) return Task.CompletedTask;
        var scope = access.Scope.ToString().ToLowerInvariant();
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [scope] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Basic, context.Document)] = [scope] },
        ];
        operation.Description = $"{operation.Description}\n\nNeeds a key of scope `{scope}` or above (unless Pictor:AllowAnonymousWrites).".TrimStart();
        return Task.CompletedTask;
    }
}
