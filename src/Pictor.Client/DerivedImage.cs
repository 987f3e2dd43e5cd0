namespace Pictor.Client;

/// <summary>A derived image as served.</summary>
/// <param name="ContentType">Its media type (<c>image/webp</c>, …).</param>
/// <param name="Bytes">The encoded image.</param>
public sealed record DerivedImage(string ContentType, byte[] Bytes);
