using Pictor.Configuration;
using Pictor.Images;

namespace Pictor.Imaging.Steps;

/// <summary>
/// What the steps of one derive share: the request, the layout planned from the source's recorded size,
/// and what earlier steps decided, so later ones do not redo it (a load that already scaled and cropped,
/// a smart crop found on the first frame and kept for the others).
/// </summary>
public sealed class DeriveContext
{
    public required string SourcePath { get; init; }

    /// <summary>Format and upright size as inspection recorded them at upload (the header is not parsed again).</summary>
    public required ImageInfo Source { get; init; }

    public required TransformOptions Options { get; init; }

    public required EncodingOptions Encoding { get; init; }

    public required int MaxFrames { get; init; }

    /// <summary>The plan; the crop step fixes the offsets of a smart crop here once it has looked.</summary>
    public required Layout Layout { get; set; }

    /// <summary>Frames loaded: more than one only for an animation kept animated.</summary>
    public int Frames { get; set; } = 1;

    /// <summary>The JPEG decoder's DCT shrink (1, 2, 4 or 8). The decoded size is rounded up, so the last row and
    /// column hold only part of a shrunk pixel: the resize scales the source's true extent, not the pixel count.</summary>
    public int LoadShrink { get; set; } = 1;

    /// <summary>The load already scaled to the layout's resized size.</summary>
    public bool ResizedOnLoad { get; set; }

    /// <summary>The load already cut the layout's crop.</summary>
    public bool CroppedOnLoad { get; set; }

    /// <summary>Milliseconds per frame and loop count of an animation, as loaded.</summary>
    public int[]? Delays { get; set; }

    public int Loop { get; set; }
}
