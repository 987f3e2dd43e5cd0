using System.Diagnostics;
using System.Text.Json;

namespace Pictor.Bench.Running;

/// <summary>What the figures depend on: the machine, how busy it was, and every contender's version.</summary>
public sealed record RunEnvironment(DateTime Started, string Cpu, int Cores, string LoadBefore, string LoadAfter, IReadOnlyList<(string Name, string Version)> Versions)
{
    public static RunEnvironment Capture(BenchPaths paths)
    {
        var commit = Command("git", ["-C", paths.Repository, "rev-parse", "--short", "HEAD"]);
        var dirty = Command("git", ["-C", paths.Repository, "status", "--porcelain", "--", "src"]).Length > 0 ? " + uncommitted changes in src/" : "";
        var ipxModules = Path.Combine(paths.Ipx, "node_modules");
        return new RunEnvironment(DateTime.UtcNow, CpuModel(), Environment.ProcessorCount, LoadAverage(), "", [
            ("Pictor", $"{commit}{dirty} (Release; .NET {Environment.Version}; libvips {LibVips()} via NetVips)"),
            ("ipx", $"{PackageVersion(ipxModules, "ipx")} (sharp {PackageVersion(ipxModules, "sharp")}, libvips {Command("node", ["-p", "require('sharp').versions.vips"], paths.Ipx)}; node {Command("node", ["--version"])})"),
            ("nginx", Command("nginx", ["-v"]).Replace("nginx version: ", "")),
            ("wrk", Command("wrk", ["-v"]).Split('\n')[0]),
        ]);
    }

    public RunEnvironment Finish() => this with { LoadAfter = LoadAverage() };

    private static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

    private static string LibVips() => $"{NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}";

    private static string PackageVersion(string modules, string package)
    {
        var file = Path.Combine(modules, package, "package.json");
        if (!File.Exists(file)) return "?";
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        return json.RootElement.GetProperty("version").GetString() ?? "?";
    }

    /// <summary>What a command prints (stdout and stderr: nginx -v writes to stderr), trimmed; "?" if it fails.</summary>
    private static string Command(string file, string[] arguments, string? workingDirectory = null)
    {
        try
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
            foreach (var a in arguments) info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return output.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
