using Pictor.Images;
using Pictor.Metadata;

namespace Pictor.Api;

/// <summary>The JSON shape of <c>/original/{id}/metadata</c>, upload responses and listings.</summary>
public sealed record OriginalMetadata(
    string Id, string Format, int Width, int Height, int Frames, long Bytes, string Sha256,
    DateTime Created, DateTime Updated, FocalPoint? Focus, string? Placeholder, string? DominantColor, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, string> Attributes,
    StoredBytes StoredBytes, UndecodableMark? Undecodable, string Url, IReadOnlyList<DerivedMetadata> Derived)
{
    /// <param name="derived">The derived images to list (listings leave them out); <paramref name="derivedBytes"/> counts all of them.</param>
    public static OriginalMetadata From(OriginalRecord o, IEnumerable<DerivedRecord> derived, IEnumerable<string> tags, IEnumerable<OriginalAttribute> attributes, long derivedBytes) => new(
        o.Id, o.Format, o.Width, o.Height, o.Frames, o.Bytes, o.Sha256, Utc(o.CreatedAt), Utc(o.UpdatedAt),
        FocalPoint.FromRecord(o.FocusX, o.FocusY), o.Placeholder, o.DominantColor, tags.ToList(),
        new SortedDictionary<string, string>(attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal), StringComparer.Ordinal),
        new StoredBytes(o.Bytes, derivedBytes, o.Bytes + derivedBytes),
        o.UndecodableAt is { } at ? new UndecodableMark(Utc(at), o.UndecodableReason ?? "") : null,
        $"/original/{o.Id}", derived.Select(DerivedMetadata.From).ToList());

    internal static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}

/// <summary>Bytes stored for one original: its own, its derived images', and both.</summary>
public sealed record StoredBytes(long Original, long Derived, long Total);

public sealed record DerivedMetadata(string Name, string Url, string Format, int Width, int Height, long Bytes, DateTime Created)
{
    public static DerivedMetadata From(DerivedRecord d) => new(
        DerivedSpec.Name(d.OriginalId, d.Variant), $"/derived/{DerivedSpec.Name(d.OriginalId, d.Variant)}", d.Format, d.Width, d.Height, d.Bytes, OriginalMetadata.Utc(d.CreatedAt));
}

public sealed record OriginalPage(IReadOnlyList<OriginalMetadata> Items, string? Next);
