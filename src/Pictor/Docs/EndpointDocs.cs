using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Pictor.Images;
using Pictor.Problems;

namespace Pictor.Docs;

/// <summary>
/// Short ways for an endpoint to describe itself in the OpenAPI document (docs/API.md is the prose reference).
/// A new endpoint needs <c>.WithName</c>, <c>.WithSummary</c>, its success responses and <see cref="Problems"/>;
/// tests/Pictor.Tests/Contract/OpenApiTests.cs fails for one that has none.
/// </summary>
public static class EndpointDocs
{
    public const string ProblemContentType = "application/problem+json";

    /// <summary>The problem types this endpoint may answer with: one problem response per status, each type an example.</summary>
    public static TBuilder Problems<TBuilder>(this TBuilder builder, params ProblemType[] types) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in types.Select(t => t.Status).Distinct()) builder.ProducesProblem(status, ProblemContentType);
        return builder.WithMetadata(new ProblemResponses(types));
    }

    /// <summary>A request body holding an image: multipart/form-data with the field <c>file</c>, or the raw bytes.</summary>
    public static TBuilder AcceptsImage<TBuilder>(this TBuilder builder, bool multipart) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = multipart
                    ? "multipart/form-data with the image in the field `file`. The format is detected from the bytes, never from the name or declared type."
                    : "The image bytes as the whole body (any Content-Type). The format is detected from the bytes.",
                Content = multipart
                    ? new Dictionary<string, OpenApiMediaType>
                    {
                        ["multipart/form-data"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Required = new HashSet<string> { "file" },
                                Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = Binary() },
                            },
                        },
                    }
                    : Enum.GetValues<ImageFormat>().Select(f => f.ContentType()).Distinct().Append("application/octet-stream")
                        .ToDictionary(type => type, _ => new OpenApiMediaType { Schema = Binary() }),
            };
            return Task.CompletedTask;
        });

    /// <summary>Image bytes with validators: 200 (or the bodyless 304 for a matching If-None-Match / If-Modified-Since).</summary>
    public static TBuilder ProducesImage<TBuilder>(this TBuilder builder, string description) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= [];
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = description,
                Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["ETag"] = Header("Strong validator of the bytes."),
                    ["Last-Modified"] = Header("When the bytes were stored."),
                    ["Cache-Control"] = Header("Pictor:Cache:MaxAgeSeconds for derived images, Pictor:Cache:OriginalMaxAgeSeconds for originals."),
                },
                Content = Enum.GetValues<ImageFormat>().Select(f => f.ContentType()).Distinct()
                    .ToDictionary(type => type, _ => new OpenApiMediaType { Schema = Binary() }),
            };
            operation.Responses["304"] = new OpenApiResponse { Description = "Not modified: If-None-Match or If-Modified-Since matched; no body, no image work." };
            return Task.CompletedTask;
        });

    /// <summary>A JSON request body with an example.</summary>
    public static TBuilder AcceptsJson<TBuilder>(this TBuilder builder, string contentType, string description, JsonNode example) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object }, Example = example } },
            };
            return Task.CompletedTask;
        });

    /// <summary>Adds a JSON alternative to the request body described before it (upload by URL beside multipart).</summary>
    public static TBuilder AlsoAcceptsJson<TBuilder>(this TBuilder builder, string contentType, string description, JsonNode example) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody is OpenApiRequestBody body)
            {
                body.Description = $"{body.Description} {description}";
                body.Content ??= new Dictionary<string, OpenApiMediaType>();
                body.Content[contentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.Object }, Example = example };
            }
            return Task.CompletedTask;
        });

    /// <summary>Query parameters the handler reads from the request itself (strings, optional).</summary>
    public static TBuilder QueryParameters<TBuilder>(this TBuilder builder, params (string Name, string Description)[] parameters) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var (name, description) in parameters)
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name, In = ParameterLocation.Query, Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            return Task.CompletedTask;
        });

    private static OpenApiSchema Binary() => new() { Type = JsonSchemaType.String, Format = "binary" };

    private static OpenApiHeader Header(string description) => new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
}
