namespace Pictor.Configuration;

public sealed class LimitsOptions
{
    public const string Section = "Pictor:Limits";

    public long MaxUploadBytes { get; set; } = 50L * 1000 * 1000;
    public long MaxPixels { get; set; } = 100_000_000;
    public int MaxDimension { get; set; } = 8192;

    /// <summary>Frames kept in an animated output; a longer animation gives its first frame only.</summary>
    public int MaxFrames { get; set; } = 100;
}
