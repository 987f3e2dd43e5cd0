namespace Pictor.Imaging;

/// <summary>
/// Where every pixel of a derived image comes from, decided before any is decoded: the whole upright source
/// is scaled to <see cref="ResizedWidth"/>×<see cref="ResizedHeight"/>, the crop rectangle of that is kept,
/// and placed at (<see cref="PlaceLeft"/>, <see cref="PlaceTop"/>) on a canvas of the output size (larger
/// than the crop only for pad).
/// </summary>
public readonly record struct Layout(
    int ResizedWidth, int ResizedHeight,
    int CropLeft, int CropTop, int CropWidth, int CropHeight,
    int OutputWidth, int OutputHeight, int PlaceLeft, int PlaceTop,
    bool SmartCrop)
{
    public bool Crops => CropWidth != ResizedWidth || CropHeight != ResizedHeight;

    public bool Pads => OutputWidth != CropWidth || OutputHeight != CropHeight;
}
