using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Pictor.Api;

namespace Pictor.Docs;

/// <summary>Examples for the JSON bodies the service answers with, and the <c>requestId</c> every problem body carries.</summary>
public sealed class SchemaTransformer : IOpenApiSchemaTransformer
{
    public static JsonObject Original() => new()
    {
        ["id"] = "alice",
        ["format"] = "jpeg",
        ["width"] = 2725,
        ["height"] = 2225,
        ["frames"] = 1,
        ["bytes"] = 1843211,
        ["sha256"] = "3f1c9b0e6a7d4c2b8e5f1a0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b",
        ["created"] = "2026-11-25T10:15:00Z",
        ["updated"] = "2026-11-25T10:15:00Z",
        ["focus"] = new JsonObject { ["x"] = 0.31, ["y"] = 0.62 },
        ["placeholder"] = "1QcSHQRnh493V4dIh4eXh1h4kJUI",
        ["dominantColor"] = "#5a6b3c",
        ["url"] = "/original/alice",
        ["derived"] = new JsonArray(new JsonObject
        {
            ["name"] = "alice-300x200.jpg",
            ["url"] = "/derived/alice-300x200.jpg",
            ["format"] = "jpeg",
            ["width"] = 300,
            ["height"] = 200,
            ["bytes"] = 14872,
            ["created"] = "2026-11-25T10:15:02Z",
        }),
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(OriginalMetadata))
        {
            schema.Examples = [Original()];
            Describe(schema, "placeholder", "The ThumbHash (https://evanw.github.io/thumbhash/) of the upright image, base64 (at most 40 bytes decoded): " +
                "a blurred preview of the right aspect ratio that a front end draws before the image loads. Null until computed for originals stored before it was recorded (pictor check --repair).");
            Describe(schema, "dominantColor", "The colour most of the image is, #rrggbb (lower case); null as placeholder.");
        }
        else if (type == typeof(OriginalPage))
        {
            var item = Original();
            item["derived"] = new JsonArray();
            schema.Examples = [new JsonObject { ["items"] = new JsonArray(item), ["next"] = "alice" }];
        }
        else if (type == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))
        {
            schema.Description = "RFC 9457 problem details; type is https://pictor.dev/problems/{slug} (the slugs are listed in the document's description).";
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["requestId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The X-Request-Id of the response, under which a 500 is logged." };
        }
        return Task.CompletedTask;
    }

    private static void Describe(OpenApiSchema schema, string property, string description)
    {
        if (schema.Properties?.TryGetValue(property, out var member) == true && member is OpenApiSchema described) described.Description = description;
    }
}
