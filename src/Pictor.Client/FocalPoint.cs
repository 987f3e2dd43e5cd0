namespace Pictor.Client;

/// <summary>Where crops centre: fractions (0…1) of the upright image's width and height, from the top left.</summary>
/// <param name="X">From 0 (left edge) to 1 (right edge).</param>
/// <param name="Y">From 0 (top edge) to 1 (bottom edge).</param>
public readonly record struct FocalPoint(double X, double Y);
