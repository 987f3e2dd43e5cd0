namespace Pictor.Metadata;

/// <summary>An original image. Its row is the commit point of an upload: no row, no original.</summary>
public sealed class OriginalRecord
{
    public required string Id { get; set; }

    /// <summary>Random per upload; part of every storage key of this original and its derived images.</summary>
    public required string Generation { get; set; }

    public required string StorageKey { get; set; }

    /// <summary>The detected format's name (<c>jpeg</c>, <c>png</c>, …).</summary>
    public required string Format { get; set; }

    /// <summary>Upright width (EXIF orientation applied).</summary>
    public int Width { get; set; }

    public int Height { get; set; }

    public int Frames { get; set; }

    /// <summary>Whether it has an alpha channel (<c>auto</c> then falls back to PNG, not JPEG); null for originals stored before this was recorded.</summary>
    public bool? HasAlpha { get; set; }

    public long Bytes { get; set; }

    public required string Sha256 { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Last upload (PUT replaces); <c>Last-Modified</c> of the original.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>The focal point, as fractions (0…1) of the upright image; crops centre on it when set.</summary>
    public double? FocusX { get; set; }

    public double? FocusY { get; set; }

    /// <summary>The ThumbHash of the upright image, base64; null for originals stored before it was recorded (until <c>check --repair</c>).</summary>
    public string? Placeholder { get; set; }

    /// <summary>The dominant colour, <c>#rrggbb</c>; null as <see cref="Placeholder"/>.</summary>
    public string? DominantColor { get; set; }

    /// <summary>
    /// When a derive last found that libvips can no longer decode the stored bytes (null: decodes, as far as
    /// anyone knows). Set by the derive that failed, cleared by the upload that replaces the bytes;
    /// <c>pictor check</c> reports it.
    /// </summary>
    public DateTime? UndecodableAt { get; set; }

    /// <summary>libvips' words for why, with <see cref="UndecodableAt"/>.</summary>
    public string? UndecodableReason { get; set; }
}
