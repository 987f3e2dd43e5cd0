namespace Pictor.Metadata;

/// <summary>One tag of an original (<c>original_tags</c>); listings filter on them through the (Tag, OriginalId) index.</summary>
public sealed class OriginalTag
{
    public required string OriginalId { get; set; }

    public required string Tag { get; set; }
}
