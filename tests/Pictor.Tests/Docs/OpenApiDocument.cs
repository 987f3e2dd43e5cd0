using System.Text.Json;

namespace Pictor.Tests.Docs;

/// <summary>The served <c>/openapi/v1.json</c>, read as a client generator reads it.</summary>
public sealed class OpenApiDocument(JsonElement root)
{
    public static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public JsonElement Root { get; } = root;

    public static async Task<OpenApiDocument> FetchAsync(HttpClient client) =>
        new(JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement);

    /// <summary>Every operation: path as written in the document, upper-case method, the operation object.</summary>
    public IEnumerable<(string Path, string Method, JsonElement Operation)> Operations() =>
        Root.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(m => Methods.Contains(m.Name))
            .Select(m => (path.Name, m.Name.ToUpperInvariant(), m.Value)));

    public JsonElement Operation(string operationId) =>
        Operations().Single(o => o.Operation.TryGetProperty("operationId", out var id) && id.GetString() == operationId).Operation;

    /// <summary>The problem types an operation documents for a status (the <c>type</c> of each example).</summary>
    public static IReadOnlyList<string> ProblemTypes(JsonElement operation, int status) =>
        operation.GetProperty("responses").TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
        && response.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out var media)
        && media.TryGetProperty("examples", out var examples)
            ? examples.EnumerateObject().Select(e => e.Value.GetProperty("value").GetProperty("type").GetString()!).ToList()
            : [];
}
