using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pictor.Bench.Measuring;
using Pictor.Configuration;
using Pictor.Images;
using Pictor.Imaging;

namespace Pictor.Bench.Engine;

/// <summary>
/// The limit for our engine: Pictor's own <see cref="ImageDeriver"/> (or upload <see cref="ImageInspector"/>, levels included)
/// in a loop on a few threads, with Pictor's libvips settings, and no HTTP, database or blob store.
/// Prints one <c>RESULT</c> line, measured over the timed part only (after a short warm-up).
/// </summary>
public static class EngineLoop
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var mode = options.Positional(0);
        var source = options.Required("source");
        var seconds = options.Number("seconds", 10);
        // As many threads as Pictor has imaging slots (cores + 1): with one per core, a libvips pipeline's
        // hand-offs left the cores idle (PNG: 1.72 cores, 126/s; with 3 threads on 2 cores 1.88 and 140/s, at
        // the same CPU per derive), and a limit Pictor itself beats is no limit.
        var workers = (int)options.Number("workers", Environment.ProcessorCount + 1);
        var offset = (long)options.Number("offset", 0);
        var sizes = SizeRange.Parse(options.Value("base") ?? "600x450");
        ImageFormats.TryFromName(options.Value("format") ?? "jpeg", out var outputFormat);

        VipsRuntime.Configure(new DerivationOptions(), NullLogger.Instance);
        var deriver = new ImageDeriver(Microsoft.Extensions.Options.Options.Create(new EncodingOptions()), Microsoft.Extensions.Options.Options.Create(new LimitsOptions()));
        var inspector = new ImageInspector(Microsoft.Extensions.Options.Options.Create(new LimitsOptions()));
        var format = inspector.Sniff(source);
        var info = inspector.ReadHeader(source, format); // as Pictor records it at upload
        var next = offset;

        Action<int> operation = mode switch
        {
            "derive" => _ =>
            {
                var (w, h) = sizes.At(Interlocked.Increment(ref next));
                deriver.Derive(source, info, TransformOptions.Fill(w, h, outputFormat));
            },
            // What an upload does: validation and the levels, from one decode.
            "inspect" => _ => inspector.InspectWithLevels(source),
            // One image of a srcset burst, in turn (SrcsetBurst.Requests).
            "srcset" => _ =>
            {
                var (width, format) = SrcsetBurst.Requests[(int)(Interlocked.Increment(ref next) % SrcsetBurst.Requests.Count)];
                ImageFormats.TryFromName(format, out var f);
                deriver.Derive(source, info, TransformOptions.Create(width, null, ResizeMode.Limit, Gravity.Default, null, 1, Rgb.White, f, new EncodingOptions()));
            },
            _ => throw new ArgumentException($"unknown engine mode '{mode}'; expected derive, inspect or srcset"),
        };

        // Warm-up: JIT, libvips start-up, page cache.
        for (var i = 0; i < workers; i++) operation(i);

        var cpuBefore = ProcessStats.CpuSeconds(Environment.ProcessId);
        ProcessStats.ResetPeak(Environment.ProcessId);
        var latencies = new List<double>[workers];
        var stopwatch = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        var threads = Enumerable.Range(0, workers).Select(worker => new Thread(() =>
        {
            var mine = latencies[worker] = [];
            while (stopwatch.Elapsed < end)
            {
                var started = Stopwatch.GetTimestamp();
                operation(worker);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        var cpu = ProcessStats.CpuSeconds(Environment.ProcessId) - cpuBefore;

        var all = latencies.SelectMany(l => l).Order().ToList();
        Console.WriteLine(new LoadResult(all.Count, elapsed, Percentile(all, 50), Percentile(all, 99), 0, cpu, ProcessStats.PeakRssKb(Environment.ProcessId)).ToLine());
        return 0;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
