using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Scalar.AspNetCore;

namespace Pictor.Docs;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>, Microsoft.AspNetCore.OpenApi) and the interactive reference
/// (<c>/docs</c>, Scalar), both switched by <c>Pictor:Docs:Enabled</c>. The endpoints describe themselves
/// (<see cref="EndpointDocs"/>); the transformers add what is common to all of them.
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/docs";

    public static IServiceCollection AddPictorApiDocs(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<DocsOptions>().Bind(config.GetSection(DocsOptions.Section));
        services.AddOpenApi(DocumentName, o =>
        {
            o.AddDocumentTransformer<PictorDocumentTransformer>();
            o.AddOperationTransformer<ProblemResponsesTransformer>();
            o.AddOperationTransformer<KeyRequirementTransformer>();
            o.AddOperationTransformer<OperationConventionsTransformer>();
            o.AddSchemaTransformer<SchemaTransformer>();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapPictorDocs(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<DocsOptions>>().Value.Enabled) return app;
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference(ReferencePath, o =>
        {
            o.Title = "Pictor API reference";
            o.DefaultFonts = false; // no font requests to a CDN: the page works offline
            o.Telemetry = false;
        });
        return app;
    }
}
