using System.Diagnostics;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Clients;

/// <summary>The built <c>pictor</c> CLI run as a process, as a user would (stdout redirected: no progress bar, plain lines).</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
    }

    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var dll = Path.Combine(RepoPaths.Root, "tools", "Pictor.Cli", "bin", configuration, "net10.0", "pictor.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build tools/Pictor.Cli first: {dll} is missing.");
        }
    }

    /// <summary>Runs <c>pictor ARGS</c> with PICTOR_URL/PICTOR_API_KEY set to <paramref name="url"/>/<paramref name="key"/>.</summary>
    public static async Task<Result> RunAsync(Uri? url, string? key, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", ["exec", Dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Remove("PICTOR_URL");
        info.Environment.Remove("PICTOR_API_KEY");
        info.Environment.Remove("PICTOR_SIGNING_KEY");
        if (url is not null) info.Environment["PICTOR_URL"] = url.ToString();
        if (key is not null) info.Environment["PICTOR_API_KEY"] = key;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
