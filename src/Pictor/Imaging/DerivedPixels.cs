namespace Pictor.Imaging;

/// <summary>An encoded derived image and its real size (fit and limit give less than the box).</summary>
public sealed record DerivedPixels(byte[] Bytes, int Width, int Height);
