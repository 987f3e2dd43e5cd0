using NetVips;

namespace Pictor.Bench.Running;

/// <summary>
/// Sources the corpus lacks, made once from its 12 MP photo into bench/.work/sources (git-ignored): a
/// progressive JPEG, a JPEG carrying an ICC profile (Display P3, so the colour step has work to do) and an
/// AVIF (slow to decode). Same pixels and size as the baseline JPEG, so the figures compare.
/// </summary>
public static class GeneratedSources
{
    public static string Progressive(BenchPaths paths) => Make(paths, "harvesters-4032x3024-progressive.jpg",
        (image, path) => image.Jpegsave(path, q: 90, interlace: true, optimizeCoding: true));

    public static string WithIcc(BenchPaths paths) => Make(paths, "harvesters-4032x3024-p3.jpg", (image, path) =>
    {
        using var p3 = image.IccTransform("p3", inputProfile: "srgb", intent: Enums.Intent.Relative, embedded: false);
        p3.Jpegsave(path, q: 90, keep: Enums.ForeignKeep.Icc);
    });

    public static string Avif(BenchPaths paths) => Make(paths, "harvesters-2725x2225.avif",
        (image, path) =>
        {
            using var smaller = image.Resize(2725.0 / image.Width);
            smaller.Heifsave(path, q: 60, compression: Enums.ForeignHeifCompression.Av1, effort: 2);
        });

    private static string Make(BenchPaths paths, string name, Action<Image, string> write)
    {
        var folder = Directory.CreateDirectory(Path.Combine(paths.Repository, "bench", ".work", "sources")).FullName;
        var path = Path.Combine(folder, name);
        if (File.Exists(path)) return path;
        using var source = Image.NewFromFile(Path.Combine(paths.Corpus, "bench", "harvesters-4032x3024.jpg"), access: Enums.Access.Sequential);
        var partial = path + ".partial";
        write(source, partial + Path.GetExtension(name));
        File.Move(partial + Path.GetExtension(name), path);
        return path;
    }
}
