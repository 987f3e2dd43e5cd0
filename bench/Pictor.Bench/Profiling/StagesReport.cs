using System.Globalization;
using System.Text;
using NetVips;
using Pictor.Bench.Engine;
using Pictor.Bench.Measuring;
using Pictor.Bench.Quality;
using Pictor.Configuration;
using Pictor.Images;
using Pictor.Imaging;
using Pictor.Imaging.Steps;

namespace Pictor.Bench.Profiling;

/// <summary>
/// <c>Pictor.Bench stages</c>: where a cold derive's CPU goes, for the workloads whose targets are encoder-bound
/// (WebP and AVIF output, the srcset burst). Per request, on one thread with Pictor's libvips settings: the whole
/// derive from the original (what a proxy does), the whole derive from the level Pictor picks (what Pictor does),
/// and the encode alone, of the same pixels (the derive's lossless output, decoded into memory first). What is
/// not encoding is decode, resize and crop: the part levels and the pipeline can shrink. Writes
/// bench/results/stages.md.
/// </summary>
public static class StagesReport
{
    /// <summary>One request, in any output format.</summary>
    private sealed record Request(string Name, Func<ImageFormat, TransformOptions> In);

    public static int Run(string[] args)
    {
        var setup = QualitySetup.From(args);
        var (options, paths) = (setup.Options, setup.Paths);
        var fiveMp = Path.Combine(paths.Corpus, "bench", "harvesters-2725x2225.jpg");
        var twelveMp = Path.Combine(paths.Corpus, "bench", "harvesters-4032x3024.jpg");
        var sizes = SizeRange.Parse("600x450");

        var md = new StringBuilder();
        md.AppendLine("# Where a cold derive's CPU goes").AppendLine();
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Written by `dotnet bench/Pictor.Bench/bin/Release/net10.0/Pictor.Bench.dll stages` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; ") +
            $"machine: {Environment.ProcessorCount} cores (load average {load} when it started). CPU milliseconds of this process per request, " +
            "one request at a time with Pictor's libvips settings (one libvips thread per pipeline), mean over the requests of each row.").AppendLine();
        md.AppendLine("- **from original**: the whole derive from the original, as a proxy (ipx, the NetVips loop) makes it;");
        md.AppendLine("- **from level**: the whole derive from the level Pictor picks (`Pictor-Source`), as Pictor makes it;");
        md.AppendLine("- **encode**: the encoder alone, on the same pixels already in memory (Pictor's `EncodeStep`, its default quality);");
        md.AppendLine("- **rest**: from level − encode: decoding the level, resizing, cropping, colour — all that levels and the pipeline can cut.").AppendLine();
        md.AppendLine("| workload | output | requests | from original | from level | encode | rest | encode ÷ from level |").AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");

        // The sizes the bench's cold loads ask for in their 8 seconds (k up to ~250: 600–850 × 450).
        var cold = Enumerable.Range(0, 12).Select(i => sizes.At(i * 20L)).ToList();
        foreach (var format in new[] { ImageFormat.Jpeg, ImageFormat.Webp, ImageFormat.Avif })
        {
            var requests = (format == ImageFormat.Avif ? cold.Take(8) : cold)
                .Select(s => new Request($"{s.Width}x{s.Height}", f => TransformOptions.Fill(s.Width, s.Height, f))).ToList();
            md.AppendLine(Row($"cold derive, JPEG 2725×2225, {requests.Count} sizes from 600×450 to 820×450", format, fiveMp, requests, setup));
            Console.WriteLine($"cold {format} done");
        }
        foreach (var format in new[] { ImageFormat.Webp, ImageFormat.Avif })
        {
            var requests = SrcsetBurst.Requests.Where(r => r.Format == format.Extension())
                .Select(r => new Request($"w_{r.Width},c_limit", f => TransformOptions.Create(r.Width, null, ResizeMode.Limit, Gravity.Default, null, 1, Rgb.White, f, new EncodingOptions()))).ToList();
            md.AppendLine(Row($"srcset burst, JPEG 12 MP, widths {string.Join(", ", SrcsetBurst.Requests.Select(r => r.Width).Distinct())}", format, twelveMp, requests, setup));
            Console.WriteLine($"srcset {format} done");
        }

        var output = options.Value("output") ?? Path.Combine(paths.Results, "stages.md");
        File.WriteAllText(output, md.ToString());
        Console.WriteLine($"wrote {output}");
        return 0;
    }

    private static string Row(string workload, ImageFormat output, string path, IReadOnlyList<Request> requests, QualitySetup setup)
    {
        var deriver = setup.Deriver;
        var inspection = setup.Inspector.InspectWithLevels(path);
        var info = inspection.Info;
        var levels = setup.WriteLevels(path, inspection, "stages");

        double fromOriginal = 0, fromLevel = 0, encode = 0;
        var picked = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, of) in requests)
        {
            var request = of(output);
            var layout = deriver.Plan(info, request);
            var level = Levels.Pick(Levels.For(info), layout);
            var (sourcePath, sourceInfo) = level is { } l ? levels[l.LongSide] : (path, info);
            picked.Add(level?.Name ?? "original");
            deriver.Derive(path, info, request, layout); // warm: page cache, libvips operation cache of loaders
            fromOriginal += Cpu(() => deriver.Derive(path, info, request, layout));
            fromLevel += Cpu(() => deriver.Derive(sourcePath, sourceInfo, request, layout));

            // The same pixels, before encoding: the derive's lossless output, in memory.
            var lossless = of(ImageFormat.Png);
            var png = deriver.Derive(sourcePath, sourceInfo, lossless, deriver.Plan(info, lossless)).Bytes;
            using var pixels = Image.NewFromBuffer(png).CopyMemory();
            var context = new DeriveContext { SourcePath = sourcePath, Source = sourceInfo, Options = request, Encoding = new EncodingOptions(), MaxFrames = 1, Layout = layout };
            encode += Cpu(() => new EncodeStep().Encode(pixels, context));
        }
        var n = requests.Count;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {workload} | {output.Extension()} (from {string.Join(", ", picked)}) | {n} | {fromOriginal / n:F1} | {fromLevel / n:F1} | {encode / n:F1} | {(fromLevel - encode) / n:F1} | {encode / fromLevel:P0} |");
    }

    /// <summary>CPU milliseconds of this process (all threads, libvips' and the encoders' included; getrusage, to the microsecond) spent in <paramref name="action"/>.</summary>
    private static double Cpu(Action action)
    {
        var before = Environment.CpuUsage.TotalTime;
        action();
        return (Environment.CpuUsage.TotalTime - before).TotalMilliseconds;
    }
}
