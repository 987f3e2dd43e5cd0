using Microsoft.Extensions.Logging.Abstractions;
using Pictor.Bench.Running;
using Pictor.Configuration;
using Pictor.Images;
using Pictor.Imaging;

namespace Pictor.Bench.Quality;

/// <summary>What the levels report and sheet both start from: the paths, libvips set up as the service sets it, Pictor's deriver and inspector, a work folder.</summary>
internal sealed record QualitySetup(Options Options, BenchPaths Paths, ImageDeriver Deriver, ImageInspector Inspector, string Work)
{
    public static QualitySetup From(string[] args)
    {
        var options = Options.Parse(args);
        var paths = BenchPaths.Find(options.Value("corpus"));
        VipsRuntime.Configure(new DerivationOptions(), NullLogger.Instance);
        var limits = Microsoft.Extensions.Options.Options.Create(new LimitsOptions());
        var deriver = new ImageDeriver(Microsoft.Extensions.Options.Options.Create(new EncodingOptions()), limits);
        var work = Directory.CreateDirectory(Path.Combine(paths.Logs, "levels")).FullName;
        return new QualitySetup(options, paths, deriver, new ImageInspector(limits), work);
    }

    /// <summary>
    /// The levels an upload of <paramref name="source"/> made, written to files in the work folder (named after the
    /// source, the level and <paramref name="report"/>, so reports running side by side do not overwrite each
    /// other's), by long side, each with the <see cref="ImageInfo"/> a derive from it is given.
    /// </summary>
    public Dictionary<int, (string Path, ImageInfo Info)> WriteLevels(string source, Inspection inspection, string report)
    {
        var files = new Dictionary<int, (string Path, ImageInfo Info)>();
        foreach (var level in inspection.Levels)
        {
            var file = System.IO.Path.Combine(Work, $"{System.IO.Path.GetFileNameWithoutExtension(source)}-{report}-{level.Size.LongSide}");
            File.WriteAllBytes(file, level.Bytes);
            files[level.Size.LongSide] = (file, new ImageInfo(Inspector.Sniff(file), level.Size.Width, level.Size.Height, 1));
        }
        return files;
    }
}
