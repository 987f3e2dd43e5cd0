using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Pictor.Problems;

namespace Pictor.Docs;

/// <summary>The document's title and introduction, the key schemes, and the tags.</summary>
public sealed class PictorDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Pictor",
            Version = "v1",
            Description = """
                Self-hosted image storage and resizing. Upload an original under an ID you choose, then ask for
                `/derived/{id}-{width}x{height}.{ext}`: generated on the first request, stored, and served from then on
                with strong ETags. The URL scheme and status codes are pymager's.

                Every error is an RFC 9457 `application/problem+json` body whose `type` is
                `https://pictor.dev/problems/{slug}` and whose `requestId` repeats the `X-Request-Id` header.
                Problem types:
                """ + "\n" + string.Join("\n", ProblemTypes.All.Select(t => $"- `{t.Slug}` ({t.Status}): {t.When}")) + """


                The repository's docs/API.md is the prose reference.
                """,
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[KeyRequirementTransformer.Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key from Pictor:ApiKeys or Pictor:Keys: `Authorization: Bearer KEY`.",
        };
        document.Components.SecuritySchemes[KeyRequirementTransformer.Basic] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "HTTP Basic with the key as password and any user name (pymager's clients), or the key as user name and an empty password.",
        };
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = ApiTags.Originals, Description = "Upload, replace, read, describe, list and delete originals." },
            new() { Name = ApiTags.Derived, Description = "Resized and re-encoded images, made on the first request and kept." },
            new() { Name = ApiTags.Operations, Description = "Health, metrics and this service's home page." },
        };
        return Task.CompletedTask;
    }
}
