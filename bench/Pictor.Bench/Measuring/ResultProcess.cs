using System.Diagnostics;

namespace Pictor.Bench.Measuring;

/// <summary>Runs a load tool (wrk, the engine loop) to the end and reads the RESULT line it prints.</summary>
public static class ResultProcess
{
    public static async Task<LoadResult> RunAsync(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return LoadResult.FromOutput(await output)
            ?? throw new InvalidOperationException($"{fileName} printed no RESULT line (exit {process.ExitCode}): {await errors}{await output}");
    }
}
