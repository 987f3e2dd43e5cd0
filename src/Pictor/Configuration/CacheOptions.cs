namespace Pictor.Configuration;

public sealed class CacheOptions
{
    public const string Section = "Pictor:Cache";

    /// <summary>max-age of derived images, whose URL names their content once the original is fixed.</summary>
    public int MaxAgeSeconds { get; set; } = 31_536_000;

    /// <summary>max-age of originals, which PUT may replace under the same URL.</summary>
    public int OriginalMaxAgeSeconds { get; set; } = 0;
}
