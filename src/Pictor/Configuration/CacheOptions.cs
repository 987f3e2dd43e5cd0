namespace Pictor.Configuration;

public sealed class CacheOptions
{
    public const string Section = "Pictor:Cache";

    /// <summary>max-age of derived images, whose URL names their content once the original is fixed.</summary>
    public int MaxAgeSeconds { get; set; } = 31_536_000;

    /// <summary>max-age of originals, which PUT may replace under the same URL.</summary>
    public int OriginalMaxAgeSeconds { get; set; } = 0;

    /// <summary>Memory for hot derived images served without the database or the store (0: no hit cache).</summary>
    public long MemoryBytes { get; set; } = 32L << 20;

    /// <summary>Larger derived images are never held in memory.</summary>
    public long MemoryItemBytes { get; set; } = 512L << 10;

    /// <summary>How often the database's change counter is read while the hit cache holds something.</summary>
    public int ChangeCheckMilliseconds { get; set; } = 500;
}
