using System.Text.Json;
using Pictor.Problems;

namespace Pictor.Api;

/// <summary>A small JSON request body, read whole into memory within a bound: 413 beyond it, 400 <c>invalid-json</c> when it does not parse.</summary>
public static class JsonBody
{
    /// <param name="what">What the body is, for the 413's detail ("A PATCH body").</param>
    public static async Task<JsonDocument> ReadAsync(HttpRequest request, int maxBytes, string what, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) throw TooLarge(maxBytes, what);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > maxBytes) throw TooLarge(maxBytes, what);
        try
        {
            return JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw ProblemException.BadRequest("invalid-json", $"The body is not valid JSON: {e.Message}");
        }
    }

    private static ProblemException TooLarge(int maxBytes, string what) => ProblemException.TooLarge($"{what} is at most {maxBytes} bytes.");
}
