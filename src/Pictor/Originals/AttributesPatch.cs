namespace Pictor.Originals;

/// <summary>The <c>attributes</c> member of a merge patch: clear all first (<c>"attributes": null</c>), then set each
/// key to its value, or remove it where the value is null.</summary>
public sealed record AttributesPatch(bool ClearFirst, IReadOnlyDictionary<string, string?> Changes);
