namespace Pictor.Bench.Running;

/// <summary>An image the cold loads derive from, and where its range of requested sizes starts.</summary>
public sealed record Source(string Key, string Title, string Path, string BaseSize)
{
    public string FileName => System.IO.Path.GetFileName(Path);

    public string BaseWidth => BaseSize.Split('x')[0];

    public string BaseHeight => BaseSize.Split('x')[1];

    /// <summary>Derived sizes from (600..899)×(450..749): a shrink-on-load factor of 2 to 4 on the big JPEGs,
    /// (250..549)×(200..499) on the 1165×859 PNG and WebP.
    /// The progressive and colour-managed JPEGs are made from the 12 MP one (<see cref="GeneratedSources"/>).</summary>
    public static IReadOnlyList<Source> In(BenchPaths paths) =>
    [
        new("5mp", "JPEG 2725×2225", System.IO.Path.Combine(paths.Corpus, "bench", "harvesters-2725x2225.jpg"), "600x450"),
        new("12mp", "JPEG 4032×3024 (12 MP)", System.IO.Path.Combine(paths.Corpus, "bench", "harvesters-4032x3024.jpg"), "600x450"),
        new("png", "PNG 1165×859", System.IO.Path.Combine(paths.Corpus, "wuffs", "harvesters.png"), "250x200"),
        new("webp", "WebP 1165×859", System.IO.Path.Combine(paths.Corpus, "wuffs", "harvesters.lossy.webp"), "250x200"),
        new("progressive", "progressive JPEG 12 MP", GeneratedSources.Progressive(paths), "600x450"),
        new("icc", "JPEG 12 MP with a Display P3 ICC profile", GeneratedSources.WithIcc(paths), "600x450"),
    ];
}
