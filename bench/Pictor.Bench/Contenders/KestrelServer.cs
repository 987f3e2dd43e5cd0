using System.Globalization;
using Pictor.Bench.Running;

namespace Pictor.Bench.Contenders;

/// <summary>The bare Kestrel endpoint (<see cref="BareKestrel"/>) in its own process, with Pictor's GC settings.</summary>
public static class KestrelServer
{
    public static async Task<ServerProcess> StartAsync(BenchPaths paths, string file, string path)
    {
        var port = ServerProcess.FreePort();
        var server = ServerProcess.Start(ContenderNames.Kestrel, port, "dotnet",
            [paths.BenchDll, "kestrel", "--file", file, "--port", port.ToString(CultureInfo.InvariantCulture), "--path", path],
            Path.GetDirectoryName(paths.BenchDll)!,
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "0", ["DOTNET_gcConcurrent"] = "0", ["DOTNET_TieredPGO"] = "0" },
            Path.Combine(paths.Logs, "kestrel.log"));
        await server.WaitReadyAsync(path, TimeSpan.FromSeconds(30));
        return server;
    }
}
