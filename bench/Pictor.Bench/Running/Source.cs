namespace Pictor.Bench.Running;

/// <summary>An image the cold loads derive from, and where its range of requested sizes starts.</summary>
public sealed record Source(string Key, string Title, string Path, string BaseSize)
{
    public string FileName => System.IO.Path.GetFileName(Path);

    public string BaseWidth => BaseSize.Split('x')[0];

    public string BaseHeight => BaseSize.Split('x')[1];

    /// <summary>Derived sizes from (600..899)×(450..749): a shrink-on-load factor of 2 to 4 on the big JPEGs,
    /// (250..549)×(200..499) on the 1165×859 PNG and WebP.</summary>
    public static IReadOnlyList<Source> In(string corpus) =>
    [
        new("5mp", "JPEG 2725×2225", System.IO.Path.Combine(corpus, "bench", "harvesters-2725x2225.jpg"), "600x450"),
        new("12mp", "JPEG 4032×3024 (12 MP)", System.IO.Path.Combine(corpus, "bench", "harvesters-4032x3024.jpg"), "600x450"),
        new("png", "PNG 1165×859", System.IO.Path.Combine(corpus, "wuffs", "harvesters.png"), "250x200"),
        new("webp", "WebP 1165×859", System.IO.Path.Combine(corpus, "wuffs", "harvesters.lossy.webp"), "250x200"),
    ];
}
