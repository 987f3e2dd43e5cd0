namespace Pictor.Client;

/// <summary>What the service records about an original (<c>GET /original/{id}/metadata</c>, upload answers, listings).</summary>
/// <param name="Id">The image ID.</param>
/// <param name="Format">The detected format (<c>jpeg</c>, <c>png</c>, <c>webp</c>, <c>gif</c>, <c>avif</c>, <c>tiff</c>).</param>
/// <param name="Width">Width of the upright image in pixels.</param>
/// <param name="Height">Height of the upright image in pixels.</param>
/// <param name="Frames">Frames (1 unless animated).</param>
/// <param name="Bytes">Size of the original as uploaded.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the bytes as uploaded.</param>
/// <param name="Created">When the ID was first stored (UTC).</param>
/// <param name="Updated">When it was last replaced or changed (UTC).</param>
/// <param name="Focus">The focal point, if one is set.</param>
/// <param name="Url">The original's path on the service.</param>
public sealed record OriginalMetadata(
    string Id, string Format, int Width, int Height, int Frames, long Bytes, string Sha256,
    DateTime Created, DateTime Updated, FocalPoint? Focus, string Url)
{
    /// <summary>Its tags (sorted); empty on services without tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Its attributes (string keys to string values); empty on services without attributes.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Its ThumbHash (https://evanw.github.io/thumbhash/), base64: decode it (npm <c>thumbhash</c>, or any port) into a blurred
    /// placeholder of the right aspect ratio to show before the image loads. Null until the service has computed it.
    /// </summary>
    public string? Placeholder { get; init; }

    /// <summary>The colour most of the image is, <c>#rrggbb</c>, for a background before it loads; null as <see cref="Placeholder"/>.</summary>
    public string? DominantColor { get; init; }

    /// <summary>Bytes stored for it (original, derived, total); null on services that do not report them.</summary>
    public StoredBytes? StoredBytes { get; init; }

    /// <summary>The derived images stored for it (listed by the metadata endpoint; empty in listings).</summary>
    public IReadOnlyList<DerivedMetadata> Derived { get; init; } = [];
}
