namespace Pictor.Imaging;

/// <summary>A point of the upright image as fractions of its width and height (0–1).</summary>
public readonly record struct FocalPoint(double X, double Y);
