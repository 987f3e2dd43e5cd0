using System.Globalization;
using Pictor.Bench.Measuring;
using Pictor.Bench.Running;

namespace Pictor.Bench.Contenders;

/// <summary>Runs the raw NetVips loop (<c>Pictor.Bench engine …</c>) in its own process, one per measurement.</summary>
public sealed class EngineRunner(BenchPaths paths)
{
    public Task<LoadResult> RunAsync(string mode, string source, int seconds, string baseSize, string format = "jpeg") =>
        ResultProcess.RunAsync("dotnet",
            [paths.BenchDll, "engine", mode, "--source", source, "--seconds", seconds.ToString(CultureInfo.InvariantCulture), "--base", baseSize, "--format", format]);
}
