namespace Pictor.Tests.Infrastructure;

/// <summary>The shared test images in <c>../shared/corpus</c> beside the repository (PICTOR_CORPUS overrides).</summary>
public static class Corpus
{
    public static string Root { get; } = Locate();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path(relative));

    public static IEnumerable<string> Files(string folder, string pattern = "*", bool recursive = false) =>
        Directory.EnumerateFiles(Path(folder), pattern, recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Select(f => System.IO.Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("PICTOR_CORPUS") is { Length: > 0 } configured) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "corpus");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("The test corpus (../shared/corpus beside the repository) was not found; set PICTOR_CORPUS.");
    }
}
