using Pictor.Images;
using Pictor.Imaging.Placeholders;

namespace Pictor.Imaging;

/// <summary>What inspection found in an upload. Width and height are upright (EXIF orientation applied).</summary>
/// <param name="Placeholder">Found by the complete decode (<see cref="ImageInspector.Inspect"/>); null after reading the header alone.</param>
public sealed record ImageInfo(ImageFormat Format, int Width, int Height, int Frames, bool HasAlpha = false, Placeholder? Placeholder = null);
