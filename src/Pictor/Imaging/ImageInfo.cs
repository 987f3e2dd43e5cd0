using Pictor.Images;

namespace Pictor.Imaging;

/// <summary>What inspection found in an upload. Width and height are upright (EXIF orientation applied).</summary>
public sealed record ImageInfo(ImageFormat Format, int Width, int Height, int Frames, bool HasAlpha = false);
