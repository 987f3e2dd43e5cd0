namespace Pictor.Images;

/// <summary>Where a crop centres: fractions (0…1) of the upright image's width and height, from the top left.</summary>
public readonly record struct FocalPoint(double X, double Y)
{
    public static FocalPoint? FromRecord(double? x, double? y) => x is { } fx && y is { } fy ? new FocalPoint(fx, fy) : null;
}
