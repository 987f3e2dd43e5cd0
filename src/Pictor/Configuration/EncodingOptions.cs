namespace Pictor.Configuration;

/// <summary>Per-format encoder settings: <c>Pictor:Jpeg:Quality</c>, <c>Pictor:Webp:Quality</c>, …</summary>
public sealed class EncodingOptions
{
    public FormatEncoding Jpeg { get; set; } = new() { Quality = 80 };
    public FormatEncoding Webp { get; set; } = new() { Quality = 80 };
    public FormatEncoding Avif { get; set; } = new() { Quality = 50 };
    public FormatEncoding Png { get; set; } = new() { Compression = 6 };
    public FormatEncoding Gif { get; set; } = new();
    public FormatEncoding Tiff { get; set; } = new() { Quality = 80 };
}

public sealed class FormatEncoding
{
    /// <summary>1–100 for lossy encoders.</summary>
    public int Quality { get; set; } = 80;

    /// <summary>zlib level 0–9 for PNG.</summary>
    public int Compression { get; set; } = 6;
}
