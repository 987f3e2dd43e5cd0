using Microsoft.Extensions.Logging.Abstractions;
using NetVips;
using Pictor.Bench.Running;
using Pictor.Configuration;
using Pictor.Images;
using Pictor.Imaging;

namespace Pictor.Bench.Quality;

/// <summary>
/// The contact sheet of stored levels: for each of the levels report's sources, one request a level serves
/// (the widest of w_640/480/320/240 c_limit that one does), made from the original (left) and from the level
/// (right), side by side, a row per source, so a person can look for a difference the SSIM figures may hide.
/// Writes bench/results/levels-sheet.jpg.
/// </summary>
public static class LevelsSheet
{
    private static readonly int[] Widths = [640, 480, 320, 240];

    public static int Run(string[] args)
    {
        var (options, paths, deriver, inspector, work) = QualitySetup.From(args);

        var cells = new List<Image>();
        foreach (var (title, path, _) in LevelsReport.Sources(paths, work))
        {
            var info = inspector.ReadHeader(path, inspector.Sniff(path));
            var inspection = inspector.InspectWithLevels(path);
            foreach (var width in Widths)
            {
                var request = TransformOptions.Create(width, null, ResizeMode.Limit, Gravity.Default, null, 1, Rgb.White, ImageFormat.Png, new EncodingOptions());
                var layout = deriver.Plan(info, request);
                if (Levels.Pick(Levels.For(info), layout) is not { } level) continue;
                var bytes = inspection.Levels.Single(l => l.Size.LongSide == level.LongSide).Bytes;
                var file = Path.Combine(work, $"{Path.GetFileNameWithoutExtension(path)}-sheet-{level.LongSide}");
                File.WriteAllBytes(file, bytes);
                var levelInfo = new ImageInfo(inspector.Sniff(file), level.Width, level.Height, 1);
                cells.Add(Opaque(deriver.Derive(path, info, request, layout).Bytes));
                cells.Add(Opaque(deriver.Derive(file, levelInfo, request, layout).Bytes));
                Console.WriteLine($"{title}: w_{width},c_limit — original | {level.Name}");
                break;
            }
        }

        using var sheet = Image.Arrayjoin([.. cells], across: 2, shim: 8, background: [255.0]);
        var output = options.Value("output") ?? Path.Combine(paths.Results, "levels-sheet.jpg");
        sheet.Jpegsave(output, q: 92);
        foreach (var cell in cells) cell.Dispose();
        Console.WriteLine($"wrote {output} ({sheet.Width}×{sheet.Height})");
        return 0;
    }

    /// <summary>Flattened on white, 3 bands, so every cell joins the same way.</summary>
    private static Image Opaque(byte[] png)
    {
        using var image = Image.NewFromBuffer(png);
        using var flat = image.HasAlpha() ? image.Flatten(background: [255.0, 255.0, 255.0]) : image.Copy();
        return (flat.Bands == 1 ? flat.Bandjoin(flat, flat) : flat.Copy()).CopyMemory();
    }
}
