namespace Pictor.Metadata;

/// <summary>One attribute (a string key and a string value) of an original (<c>original_attributes</c>).</summary>
public sealed class OriginalAttribute
{
    public required string OriginalId { get; set; }

    public required string Key { get; set; }

    public required string Value { get; set; }
}
