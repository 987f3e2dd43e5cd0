using System.Text.Json;
using Pictor.Images;
using Pictor.Originals;
using Pictor.Problems;

namespace Pictor.Api;

/// <summary>
/// A parsed <c>PATCH /original/{id}</c> body (RFC 7396 merge patch): a member that is absent leaves its field
/// alone, <c>null</c> clears it. <c>tags</c> replaces the set (<see cref="Tags"/> null: absent; empty: clear);
/// <c>attributes</c> merges key by key (<see cref="Attributes"/> null: absent).
/// </summary>
public sealed record OriginalPatch(bool SetsFocus, FocalPoint? Focus, IReadOnlyList<string>? Tags, AttributesPatch? Attributes)
{
    public const string MediaType = "application/merge-patch+json";
    public const int MaxBodyBytes = 64 * 1024;
    private static readonly string[] Members = ["focus", "tags", "attributes"];

    public static async Task<OriginalPatch> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, MediaType, StringComparison.OrdinalIgnoreCase) && !string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
            throw new ProblemException(415, "unsupported-media-type", "Unsupported media type",
                $"A PATCH body is JSON sent as '{MediaType}'; the Content-Type is '{request.ContentType}'.");
        using var document = await JsonBody.ReadAsync(request, MaxBodyBytes, "A PATCH body", cancellationToken);
        return Parse(document.RootElement);
    }

    public static OriginalPatch Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw Invalid("invalid-patch", $"The body must be a JSON object such as {{\"focus\": {{\"x\": 0.3, \"y\": 0.6}}}}; got a JSON {root.ValueKind.ToString().ToLowerInvariant()}.");
        var setsFocus = false;
        FocalPoint? focus = null;
        IReadOnlyList<string>? tags = null;
        AttributesPatch? attributes = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in root.EnumerateObject())
        {
            if (!seen.Add(member.Name))
                throw Invalid("invalid-patch", $"'{Truncate(member.Name)}' is given twice.");
            switch (member.Name)
            {
                case "focus":
                    setsFocus = true;
                    focus = ParseFocus(member.Value);
                    break;
                case "tags":
                    tags = ParseTags(member.Value);
                    break;
                case "attributes":
                    attributes = ParseAttributes(member.Value);
                    break;
                default:
                    throw Invalid("invalid-patch", $"'{Truncate(member.Name)}' is not a field that PATCH changes; expected one of: {string.Join(", ", Members)}.");
            }
        }
        return new OriginalPatch(setsFocus, focus, tags, attributes);
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

    /// <summary>The new set: duplicates collapse, ordinal order; null clears (an empty set).</summary>
    private static IReadOnlyList<string> ParseTags(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array)
            throw Invalid("invalid-tags", $"tags must be null or a list of strings ({CatalogueBounds.NameRule}).");
        if (value.GetArrayLength() > CatalogueBounds.MaxTags)
            throw Invalid("invalid-tags", $"An original has at most {CatalogueBounds.MaxTags} tags; the list has {value.GetArrayLength()}.");
        var tags = new SortedSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var tag = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (!CatalogueBounds.IsName(tag))
                throw Invalid("invalid-tags", $"tags[{i}] must be a string of {CatalogueBounds.NameRule}; got {Truncate(item.GetRawText())}.");
            tags.Add(tag!);
            i++;
        }
        return [.. tags];
    }

    private static AttributesPatch ParseAttributes(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) return new AttributesPatch(ClearFirst: true, new Dictionary<string, string?>());
        if (value.ValueKind != JsonValueKind.Object)
            throw Invalid("invalid-attributes", "attributes must be null or an object of string keys to string values (a null value removes its key).");
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var member in value.EnumerateObject())
        {
            if (!CatalogueBounds.IsName(member.Name))
                throw Invalid("invalid-attributes", $"attributes key '{Truncate(member.Name)}' is not {CatalogueBounds.NameRule}.");
            var name = $"attributes.{member.Name}";
            if (changes.ContainsKey(member.Name)) throw Invalid("invalid-attributes", $"{name} is given twice.");
            if (changes.Count >= 2 * CatalogueBounds.MaxAttributes)
                throw Invalid("invalid-attributes", $"A patch changes at most {2 * CatalogueBounds.MaxAttributes} attributes; an original has at most {CatalogueBounds.MaxAttributes} attributes.");
            changes[member.Name] = member.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String when CatalogueBounds.IsValue(member.Value.GetString()!) => member.Value.GetString(),
                _ => throw Invalid("invalid-attributes",
                    $"{name} must be null or a string of at most {CatalogueBounds.MaxValueLength} characters without U+0000; got {Truncate(member.Value.GetRawText())}."),
            };
        }
        if (changes.Values.Count(v => v is not null) > CatalogueBounds.MaxAttributes)
            throw Invalid("invalid-attributes", $"An original has at most {CatalogueBounds.MaxAttributes} attributes; the patch sets {changes.Values.Count(v => v is not null)}.");
        return new AttributesPatch(ClearFirst: false, changes);
    }

    private static ProblemException Invalid(string type, string detail) => ProblemException.BadRequest(type, detail);

    private static string Truncate(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
