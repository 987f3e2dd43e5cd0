using System.Text.Json;
using Pictor.Fetching;
using Pictor.Problems;

namespace Pictor.Api;

/// <summary>The body of an upload by URL, <c>POST /original/{id}</c> with <c>{"url": "https://…"}</c> as <c>application/json</c>.</summary>
public static class UrlUpload
{
    public const int MaxBodyBytes = 8 * 1024;

    public static bool Is(HttpRequest request) => request.HasJsonContentType();

    public static async Task<Uri> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var document = await JsonBody.ReadAsync(request, MaxBodyBytes, "An upload-by-URL body", cancellationToken);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("url", out var member) || root.EnumerateObject().Count() != 1)
            throw ProblemException.BadRequest("invalid-json", "An upload by URL is the JSON object {\"url\": \"https://…\"} and nothing else.");
        if (member.ValueKind != JsonValueKind.String || !Uri.TryCreate(member.GetString(), UriKind.Absolute, out var url))
            throw FetchPolicy.NotAllowed("url must be an absolute http or https URL.");
        return url;
    }
}
