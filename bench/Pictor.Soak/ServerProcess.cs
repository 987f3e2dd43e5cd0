using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Pictor.Soak;

/// <summary>The built service (Release) as a child process on a free loopback port, on a fresh data directory.</summary>
public sealed class ServerProcess : IDisposable
{
    public const string ApiKey = "soak-key-0123456789";

    private readonly Process _process;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public static async Task<ServerProcess> StartAsync(string repositoryRoot, string dataDirectory)
    {
        var dll = Path.Combine(repositoryRoot, "src", "Pictor", "bin", "Release", "net10.0", "Pictor.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build src/Pictor in Release first: {dll} is missing.");
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", ["exec", dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Pictor__DataDirectory"] = dataDirectory;
        info.Environment["Pictor__ApiKeys__0"] = ApiKey;

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine($"  server: {line}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine($"  server: {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await server.WaitHealthyAsync();
        return server;
    }

    /// <summary>VmRSS from /proc: what the kernel gives the process.</summary>
    public long ResidentBytes() => Status("VmRSS:") * 1024;

    /// <summary>Threads of the process, from /proc (the runtime's own and libvips' as well as the pool's).</summary>
    public long Threads() => Status("Threads:");

    /// <summary>Open file descriptors (files, sockets, pipes), from /proc.</summary>
    public long OpenFiles() => Directory.GetFileSystemEntries($"/proc/{_process.Id}/fd").Length;

    private long Status(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        throw new InvalidOperationException($"no {field} in /proc/{_process.Id}/status");
    }

    private async Task WaitHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            if (_process.HasExited) throw new InvalidOperationException($"Pictor exited with {_process.ExitCode} while starting");
            try { if ((await client.GetAsync("/healthz")).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
        }
        throw new TimeoutException("Pictor did not become healthy within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
    }
}
