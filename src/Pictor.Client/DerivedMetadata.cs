namespace Pictor.Client;

/// <summary>A derived image the service has generated and stored for an original.</summary>
/// <param name="Name">Its name, for example <c>alice-300x200.jpg</c>.</param>
/// <param name="Url">Its path on the service.</param>
/// <param name="Format">The output format (<c>jpeg</c>, <c>webp</c>, …).</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Bytes">Size of the encoded image.</param>
/// <param name="Created">When it was generated (UTC).</param>
public sealed record DerivedMetadata(string Name, string Url, string Format, int Width, int Height, long Bytes, DateTime Created);
