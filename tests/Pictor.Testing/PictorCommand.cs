using System.Diagnostics;

namespace Pictor.Tests.Infrastructure;

/// <summary>Runs the built Pictor.dll as an operator's command (<c>pictor check [--repair]</c>, <c>pictor import-pymager …</c>) and collects what it prints.</summary>
public static class PictorCommand
{
    public static Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string> settings, params string[] args) =>
        RunAsync(settings, TimeSpan.FromSeconds(60), args);

    public static async Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string> settings, TimeSpan timeout, params string[] args)
    {
        var info = PictorProcess.StartInfo(settings, args);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var deadline = new CancellationTokenSource(timeout))
            await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
