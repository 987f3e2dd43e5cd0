using System.Diagnostics;

namespace Pictor.Tests.Infrastructure;

/// <summary>Runs the built Pictor.dll as an operator's command (<c>pictor check [--repair]</c>) and collects what it prints.</summary>
public static class PictorCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string> settings, params string[] args)
    {
        var info = PictorProcess.StartInfo(settings, args);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
