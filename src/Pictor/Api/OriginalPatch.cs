using System.Text.Json;
using Pictor.Images;
using Pictor.Problems;

namespace Pictor.Api;

/// <summary>
/// A parsed <c>PATCH /original/{id}</c> body (RFC 7396 merge patch): a member that is absent leaves its field
/// alone, <c>null</c> clears it. Only <c>focus</c> is a member today.
/// </summary>
public sealed record OriginalPatch(bool SetsFocus, FocalPoint? Focus)
{
    public const string MediaType = "application/merge-patch+json";
    public const int MaxBodyBytes = 64 * 1024;
    private static readonly string[] Members = ["focus"];

    public static async Task<OriginalPatch> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, MediaType, StringComparison.OrdinalIgnoreCase) && !string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
            throw new ProblemException(415, "unsupported-media-type", "Unsupported media type",
                $"A PATCH body is JSON sent as '{MediaType}'; the Content-Type is '{request.ContentType}'.");
        if (request.ContentLength > MaxBodyBytes)
            throw ProblemException.TooLarge($"A PATCH body is at most {MaxBodyBytes} bytes.");

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes) throw ProblemException.TooLarge($"A PATCH body is at most {MaxBodyBytes} bytes.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw Invalid("invalid-json", $"The body is not valid JSON: {e.Message}");
        }
        using (document) return Parse(document.RootElement);
    }

    public static OriginalPatch Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw Invalid("invalid-patch", $"The body must be a JSON object such as {{\"focus\": {{\"x\": 0.3, \"y\": 0.6}}}}; got a JSON {root.ValueKind.ToString().ToLowerInvariant()}.");
        var setsFocus = false;
        FocalPoint? focus = null;
        foreach (var member in root.EnumerateObject())
        {
            switch (member.Name)
            {
                case "focus":
                    setsFocus = true;
                    focus = ParseFocus(member.Value);
                    break;
                default:
                    throw Invalid("invalid-patch", $"'{Truncate(member.Name)}' is not a field that PATCH changes; expected one of: {string.Join(", ", Members)}.");
            }
        }
        return new OriginalPatch(setsFocus, focus);
    }

    private static FocalPoint? ParseFocus(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Object)
            throw Invalid("invalid-focus", "focus must be null or an object {\"x\": X, \"y\": Y} with X and Y fractions from 0 to 1.");
        double? x = null, y = null;
        foreach (var member in value.EnumerateObject())
        {
            switch (member.Name)
            {
                case "x": x = Fraction("focus.x", member.Value); break;
                case "y": y = Fraction("focus.y", member.Value); break;
                default: throw Invalid("invalid-focus", $"focus has an unknown member '{Truncate(member.Name)}'; expected x and y.");
            }
        }
        if (x is null || y is null)
            throw Invalid("invalid-focus", $"focus needs both x and y (fractions from 0 to 1); {(x is null ? "x" : "y")} is missing.");
        return new FocalPoint(x.Value, y.Value);
    }

    private static double Fraction(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var d) || !double.IsFinite(d) || d < 0 || d > 1)
            throw Invalid("invalid-focus", $"{name} must be a number from 0 to 1 (a fraction of the upright image); got {Truncate(value.GetRawText())}.");
        return d;
    }

    private static ProblemException Invalid(string type, string detail) => ProblemException.BadRequest(type, detail);

    private static string Truncate(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
