using Microsoft.Extensions.Logging.Abstractions;
using Pictor.Bench.Running;
using Pictor.Configuration;
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
}
