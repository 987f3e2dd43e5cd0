using Pictor.Bench.Running;

namespace Pictor.Bench.Contenders;

/// <summary>
/// ipx (npm, on sharp/libvips) serving a folder, as its README runs it, with the MALLOC_ARENA_MAX=2
/// that sharp recommends. It keeps no result cache: every request is processed.
/// </summary>
public static class IpxServer
{
    public static async Task<ServerProcess> StartAsync(BenchPaths paths, string sourceFolder, string probeFile)
    {
        var script = Path.Combine(paths.Ipx, "node_modules", "ipx", "bin", "ipx.mjs");
        if (!File.Exists(script)) throw new InvalidOperationException($"{script} is missing: bench/run.sh installs ipx@3 there.");
        var port = ServerProcess.FreePort();
        var server = ServerProcess.Start(ContenderNames.Ipx, port, "node", [script, "serve", "--dir", sourceFolder, "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            paths.Ipx, new Dictionary<string, string> { ["MALLOC_ARENA_MAX"] = "2", ["NODE_ENV"] = "production" },
            Path.Combine(paths.Logs, "ipx.log"));
        await server.WaitReadyAsync($"/s_16x16/{probeFile}", TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>ipx's URL for a cover-crop to W×H as JPEG q80 (<c>f_jpeg</c> so PNG and WebP sources give JPEG too).</summary>
    public static string ColdTemplate(string file) => $"/s_{{w}}x{{h}},q_80,f_jpeg/{file}";
}
