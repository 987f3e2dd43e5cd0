using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetVips;
using Pictor.Bench.Engine;
using Pictor.Bench.Running;
using Pictor.Configuration;
using Pictor.Images;
using Pictor.Imaging;

namespace Pictor.Bench.Quality;

/// <summary>
/// <c>Pictor.Bench levels</c>: what levels cost and give, measured with Pictor's own inspector and deriver
/// (no server, no tests): level encodings compared; per source the storage, the upload's inspection time
/// with and without levels, the derive time from the original and from the level Pictor picks, and the
/// mean SSIM of level-derived against original-derived outputs over the bench's size grid (cover-crops of
/// the cold loads' sizes, plus widths for c_limit). Writes bench/results/levels.md.
/// </summary>
public static class LevelsReport
{
    private const int Repeats = 3;

    public static int Run(string[] args)
    {
        var setup = QualitySetup.From(args);
        var (options, paths, work) = (setup.Options, setup.Paths, setup.Work);

        var sources = Sources(paths, work);

        var md = new StringBuilder();
        md.AppendLine("# Levels: cost and quality").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Written by `dotnet bench/Pictor.Bench/bin/Release/net10.0/Pictor.Bench.dll levels` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; " +
            $"machine: {Environment.ProcessorCount} cores, shared and busy (load average {LoadAverage()}), so times are medians of {Repeats} on one thread and only their ratios mean much.").AppendLine();

        md.AppendLine("## Level encodings").AppendLine();
        md.AppendLine("The 2048 level of the 12 MP JPEG (2048×1536), encoded each way; decode = the whole level into memory. Levels are decoded on every derive that uses them and encoded once per upload.").AppendLine();
        md.AppendLine("| encoding | bytes | encode ms | decode ms | SSIM vs lossless |").AppendLine("|---|---:|---:|---:|---:|");
        CompareEncodings(sources[1].Path, md);

        md.AppendLine().AppendLine("## Per source").AppendLine();
        md.AppendLine("Upload ms: the upload's inspection (header + complete decode + placeholder) as before levels; with levels made by a second decode " +
            "(as uploads did after the placeholder merged); and with validation, placeholder and levels from one decode (now). " +
            "Derive ms: mean over the grid of the requests a level serves, from the original and from the level. SSIM: mean and worst over those requests of " +
            "level-derived against original-derived PNG output (lossless, so only the source differs), on luminance; ΔE00: the mean CIEDE2000 difference of the same pairs, " +
            "which sees colour too (below 1 is commonly taken as not perceptible), over the requests and for the worst request. A level serves a request when it is at least " +
            $"{Levels.Margin.ToString(CultureInfo.InvariantCulture)}× the resized size on both axes; decoders shrink on load only to {Pictor.Imaging.Steps.LoadStep.ShrinkMargin.ToString(CultureInfo.InvariantCulture)}× it.").AppendLine();
        md.AppendLine("Exact: the same request from every pixel of the original (no shrink-on-load) with one resize; the two columns after the worst request compare " +
            "each way of making the output with it.").AppendLine();
        md.AppendLine("| source | original | levels | levels ÷ original | upload ms without levels | with levels, two decodes (before) | one decode (now) | requests from a level | derive ms from original | from level | SSIM level vs original, mean | worst (request) | SSIM level vs exact | SSIM original vs exact | ΔE00 level vs original, mean | worst request's |")
          .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
        var worst = (Ssim: 1.0, Where: "");
        var means = new List<double>();
        foreach (var (title, path, baseSize) in sources)
        {
            var row = Measure(title, path, SizeRange.Parse(baseSize), setup);
            md.AppendLine(row.Line);
            means.Add(row.Mean);
            if (row.Worst < worst.Ssim) worst = (row.Worst, $"{title}, {row.WorstWhere}");
            Console.WriteLine(row.Line);
        }
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Mean SSIM over all sources {means.Average():F4} (required ≥ 0.99); worst single request {worst.Ssim:F4} ({worst.Where}).");

        var output = options.Value("output") ?? Path.Combine(paths.Results, "levels.md");
        File.WriteAllText(output, md.ToString());
        Console.WriteLine($"wrote {output}");
        return 0;
    }

    /// <summary>The sources the report measures: the bench's, plus generated progressive, ICC, AVIF and alpha ones.</summary>
    internal static List<(string Title, string Path, string BaseSize)> Sources(BenchPaths paths, string work) =>
        [
            ("JPEG 2725×2225", Path.Combine(paths.Corpus, "bench", "harvesters-2725x2225.jpg"), "600x450"),
            ("JPEG 4032×3024 (12 MP)", Path.Combine(paths.Corpus, "bench", "harvesters-4032x3024.jpg"), "600x450"),
            ("progressive JPEG 12 MP", GeneratedSources.Progressive(paths), "600x450"),
            ("JPEG 12 MP, Display P3 profile", GeneratedSources.WithIcc(paths), "600x450"),
            ("AVIF 2725×2034", GeneratedSources.Avif(paths), "600x450"),
            ("PNG 1165×859", Path.Combine(paths.Corpus, "wuffs", "harvesters.png"), "250x200"),
            ("WebP 1165×859", Path.Combine(paths.Corpus, "wuffs", "harvesters.lossy.webp"), "250x200"),
            ("JPEG 1200×1800, EXIF orientation 6", Path.Combine(paths.Corpus, "orientation", "Portrait_6.jpg"), "250x200"),
            ("PNG 2000×1500 with alpha", AlphaPng(paths, work), "600x450"),
        ];

    private sealed record Row(string Line, double Mean, double Worst, string WorstWhere);

    private static Row Measure(string title, string path, SizeRange grid, QualitySetup setup)
    {
        var (_, _, deriver, inspector, work) = setup;
        var format = inspector.Sniff(path);
        var info = inspector.ReadHeader(path, format);
        var before = Median(() => inspector.Inspect(path));
        var inspection = inspector.InspectWithLevels(path);
        var twoDecodes = Median(() =>
        {
            inspector.Inspect(path);
            inspector.MakeLevels(path, format);
        });
        var after = Median(() => inspector.InspectWithLevels(path));
        var levelFiles = setup.WriteLevels(path, inspection, "levels");

        // The exact reference: every pixel decoded (no shrink-on-load), one resize. Uncompressed TIFF keeps the
        // orientation, profile and alpha for the deriver to handle as it does the original's.
        var exactPath = Path.Combine(work, Path.GetFileNameWithoutExtension(path) + "-exact.tif");
        using (var whole = Image.NewFromFile(path, access: Enums.Access.Sequential)) whole.Tiffsave(exactPath);
        var exactInfo = info with { Format = ImageFormat.Tiff };

        var requests = Grid(grid).ToList();
        var ssims = new List<(double Value, string Where)>();
        var levelVsExact = new List<double>();
        var originalVsExact = new List<double>();
        var colour = new List<double>();
        double fromOriginal = 0, fromLevel = 0;
        foreach (var (name, options) in requests)
        {
            var layout = deriver.Plan(info, options);
            if (Levels.Pick(Levels.For(info), layout) is not { } level) continue;
            var (levelPath, levelInfo) = levelFiles[level.LongSide];
            byte[] original = [], derived = [];
            fromOriginal += Time(() => original = deriver.Derive(path, info, options, layout).Bytes);
            fromLevel += Time(() => derived = deriver.Derive(levelPath, levelInfo, options, layout).Bytes);
            var exact = deriver.Derive(exactPath, exactInfo, options, layout).Bytes;
            ssims.Add((Ssim.Mean(original, derived), $"{name} from {level.Name}"));
            colour.Add(ColourDifference.MeanDe00(original, derived));
            levelVsExact.Add(Ssim.Mean(exact, derived));
            originalVsExact.Add(Ssim.Mean(exact, original));
        }
        File.Delete(exactPath);
        var originalBytes = new FileInfo(path).Length;
        var levelBytes = inspection.Levels.Sum(l => (long)l.Bytes.Length);
        var n = Math.Max(1, ssims.Count);
        var worst = ssims.Count == 0 ? (Value: 1.0, Where: "none") : ssims.MinBy(s => s.Value);
        var mean = ssims.Count == 0 ? 1.0 : ssims.Average(s => s.Value);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"| {title} | {Kb(originalBytes)} | {Kb(levelBytes)} ({string.Join(", ", inspection.Levels.Select(l => l.Size.LongSide))}) | {(double)levelBytes / originalBytes:F2} | {before:F0} | {twoDecodes:F0} | {after:F0} | " +
            $"{ssims.Count} of {requests.Count} | {fromOriginal / n:F1} | {fromLevel / n:F1} | {mean:F4} | {worst.Value:F4} ({worst.Where}) | " +
            $"{Average(levelVsExact):F4} | {Average(originalVsExact):F4} | {(colour.Count == 0 ? 0 : colour.Average()):F2} | {(colour.Count == 0 ? 0 : colour.Max()):F2} |");
        return new Row(line, mean, worst.Value, worst.Where);
    }

    /// <summary>The cold loads' cover-crops (every 2999th size of the 300×300 range: 31 sizes) and c_limit widths.</summary>
    internal static IEnumerable<(string Name, TransformOptions Options)> Grid(SizeRange range)
    {
        for (long k = 0; k < SizeRange.Span * SizeRange.Span; k += 2999)
        {
            var (w, h) = range.At(k);
            yield return ($"{w}x{h} fill", TransformOptions.Fill(w, h, ImageFormat.Png));
        }
        foreach (var w in new[] { 160, 240, 320, 480, 640, 800, 1000, 1200, 1600, 2000 })
            yield return ($"w_{w},c_limit", TransformOptions.Create(w, null, ResizeMode.Limit, Gravity.Default, null, 1, Rgb.White, ImageFormat.Png, new EncodingOptions()));
    }

    private static void CompareEncodings(string source, StringBuilder md)
    {
        using var full = Image.NewFromFile(source, access: Enums.Access.Sequential);
        using var level = full.Resize(2048.0 / full.Width).CopyMemory();
        var reference = level.PngsaveBuffer(compression: 1);
        (string Name, Func<byte[]> Encode)[] encodings =
        [
            ("JPEG q95 4:4:4 (chosen until 2026-12-02)", () => level.JpegsaveBuffer(q: 95, subsampleMode: Enums.ForeignSubsample.Off, keep: Enums.ForeignKeep.None)),
            ("JPEG q90 4:2:0 (chosen, opaque)", () => level.JpegsaveBuffer(q: 90, subsampleMode: Enums.ForeignSubsample.On, keep: Enums.ForeignKeep.None)),
            ("WebP lossless, effort 0", () => level.WebpsaveBuffer(lossless: true, effort: 0, keep: Enums.ForeignKeep.None)),
            ("WebP q95", () => level.WebpsaveBuffer(q: 95, keep: Enums.ForeignKeep.None)),
            ("PNG compression 1 (chosen, alpha)", () => level.PngsaveBuffer(compression: 1, keep: Enums.ForeignKeep.None)),
            ("PNG compression 6", () => level.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.None)),
        ];
        foreach (var (name, encode) in encodings)
        {
            byte[] bytes = [];
            var encodeMs = Median(() => bytes = encode());
            var decodeMs = Median(() =>
            {
                using var decoded = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential);
                using var memory = decoded.CopyMemory();
            });
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Kb(bytes.Length)} | {encodeMs:F1} | {decodeMs:F1} | {Ssim.Mean(reference, bytes):F4} |");
        }
    }

    internal static string AlphaPng(BenchPaths paths, string work)
    {
        var path = Path.Combine(work, "harvesters-2000x1500-alpha.png");
        if (File.Exists(path)) return path;
        using var photo = Image.NewFromFile(Path.Combine(paths.Corpus, "bench", "harvesters-2725x2225.jpg"));
        using var small = photo.ThumbnailImage(2000, height: 1500, crop: Enums.Interesting.Centre);
        using var ramp = Image.Xyz(small.Width, small.Height)[0] * (255.0 / small.Width);
        using var alpha = ramp.Cast(Enums.BandFormat.Uchar);
        using var withAlpha = small.Bandjoin(alpha);
        withAlpha.Pngsave(path);
        return path;
    }

    private static double Average(List<double> values) => values.Count == 0 ? 1 : values.Average();

    private static double Median(Action action)
    {
        action(); // warm
        var times = Enumerable.Range(0, Repeats).Select(_ => Time(action)).Order().ToList();
        return times[times.Count / 2];
    }

    private static double Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static string Kb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F0} KB");

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
