using System.Globalization;

namespace Pictor.Bench.Measuring;

/// <summary>Runs wrk with one of the scripts in bench/lua.</summary>
public sealed class Wrk(string scriptsDirectory)
{
    public Task<LoadResult> RunAsync(string script, string baseUrl, int connections, int seconds, params string[] scriptArguments) =>
        ResultProcess.RunAsync("wrk", new[]
        {
            // Two threads: the load generator shares the two cores with the server under test.
            $"-t{Math.Min(2, connections)}", $"-c{connections}", $"-d{seconds.ToString(CultureInfo.InvariantCulture)}s",
            "--timeout", "30s", "-s", Path.Combine(scriptsDirectory, script), baseUrl, "--",
        }.Concat(scriptArguments));
}
