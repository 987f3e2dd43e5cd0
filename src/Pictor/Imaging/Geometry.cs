using Pictor.Images;

namespace Pictor.Imaging;

/// <summary>
/// The arithmetic of every mode, in one place and free of images: the target box (dpr, caps, the missing
/// side), cover and contain scales rounded to whole pixels, and gravity turned into offsets.
/// </summary>
public static class Geometry
{
    /// <param name="width">Upright width of the source.</param>
    /// <param name="height">Upright height of the source.</param>
    /// <param name="focus">The original's focal point, if it has one.</param>
    public static Layout Plan(int width, int height, TransformOptions options, int maxDimension, FocalPoint? focus = null)
    {
        var boxWidth = Scaled(options.Width, options.Dpr, maxDimension);
        var boxHeight = Scaled(options.Height, options.Dpr, maxDimension);
        var gravity = options.Gravity switch
        {
            Gravity.Default => focus is null ? Gravity.Center : Gravity.Focus,
            Gravity.Focus when focus is null => Gravity.Center,
            var g => g,
        };

        if (options.Mode == ResizeMode.Fill && boxWidth is { } w && boxHeight is { } h)
        {
            // Cover: each side scaled to a whole number of pixels at least W×H, so rounding never leaves the crop short.
            var scale = Math.Max((double)w / width, (double)h / height);
            var resizedWidth = Math.Max(w, Round(width * scale));
            var resizedHeight = Math.Max(h, Round(height * scale));
            var left = CropOffset(resizedWidth - w, w, resizedWidth, Horizontal(gravity), focus?.X);
            var top = CropOffset(resizedHeight - h, h, resizedHeight, Vertical(gravity), focus?.Y);
            return new Layout(resizedWidth, resizedHeight, left, top, w, h, w, h, 0, 0, gravity == Gravity.Auto);
        }

        // Contain within the box (a missing side does not bound), and never beyond the largest dimension.
        var fit = Math.Min(Math.Min((double)(boxWidth ?? maxDimension) / width, (double)(boxHeight ?? maxDimension) / height),
            Math.Min((double)maxDimension / width, (double)maxDimension / height));
        if (options.Mode == ResizeMode.Limit) fit = Math.Min(fit, 1);
        var fitWidth = Math.Clamp(Round(width * fit), 1, boxWidth ?? maxDimension);
        var fitHeight = Math.Clamp(Round(height * fit), 1, boxHeight ?? maxDimension);
        if (options.Mode != ResizeMode.Pad || boxWidth is not { } padWidth || boxHeight is not { } padHeight)
            return new Layout(fitWidth, fitHeight, 0, 0, fitWidth, fitHeight, fitWidth, fitHeight, 0, 0, false);

        var placeLeft = PlaceOffset(padWidth - fitWidth, padWidth, fitWidth, Horizontal(gravity), focus?.X);
        var placeTop = PlaceOffset(padHeight - fitHeight, padHeight, fitHeight, Vertical(gravity), focus?.Y);
        return new Layout(fitWidth, fitHeight, 0, 0, fitWidth, fitHeight, padWidth, padHeight, placeLeft, placeTop, false);
    }

    /// <summary>The side times dpr, to whole pixels, at most the largest dimension.</summary>
    private static int? Scaled(int? side, double dpr, int maxDimension) =>
        side is { } s ? Math.Clamp(Round(s * dpr), 1, maxDimension) : null;

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);

    /// <summary>-1 for the start (west, north), 0 centre, 1 the end; null: the focal point decides.</summary>
    private static int? Horizontal(Gravity g) => g switch
    {
        Gravity.West or Gravity.NorthWest or Gravity.SouthWest => -1,
        Gravity.East or Gravity.NorthEast or Gravity.SouthEast => 1,
        Gravity.Focus => null,
        _ => 0,
    };

    private static int? Vertical(Gravity g) => g switch
    {
        Gravity.North or Gravity.NorthWest or Gravity.NorthEast => -1,
        Gravity.South or Gravity.SouthWest or Gravity.SouthEast => 1,
        Gravity.Focus => null,
        _ => 0,
    };

    /// <summary>Left (or top) of a crop of <paramref name="kept"/> out of <paramref name="whole"/>: the focal point as near its middle as the edges allow.</summary>
    public static int CropOffset(int spare, int kept, int whole, int? side, double? focus) => side switch
    {
        -1 => 0,
        1 => spare,
        0 => spare / 2,
        _ => Math.Clamp(Round(focus!.Value * whole - kept / 2.0), 0, spare),
    };

    /// <summary>Left (or top) of an image of <paramref name="size"/> on a canvas of <paramref name="canvas"/>: its focal point as near the canvas' middle as the edges allow.</summary>
    private static int PlaceOffset(int spare, int canvas, int size, int? side, double? focus) => side switch
    {
        -1 => 0,
        1 => spare,
        0 => spare / 2,
        _ => Math.Clamp(Round(canvas / 2.0 - focus!.Value * size), 0, spare),
    };
}
