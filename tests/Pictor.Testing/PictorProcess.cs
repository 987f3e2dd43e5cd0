using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// The service as a real child process (the built Pictor.dll on a free loopback port), for what an
/// in-process host cannot show: SIGKILL at any moment, restarts on the same data, several instances.
/// </summary>
public sealed class PictorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private PictorProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The full-access key the tests configure (<c>Pictor:ApiKeys:0</c>); <see cref="Client"/> sends it unless told otherwise.</summary>
    public const string ApiKey = "test-key-0123456789";

    /// <summary>Each line the service prints, as it prints it (also kept in <see cref="Log"/>).</summary>
    public event Action<string>? Line;

    public int Port { get; }

    public Uri BaseAddress { get; }

    public string Log { get { lock (_log) return _log.ToString(); } }

    public bool HasExited => _process.HasExited;

    /// <summary>The server's own process (for /proc measurements): <c>dotnet exec</c> runs it in place.</summary>
    public int ProcessId => _process.Id;

    public static string PictorDll
    {
        get
        {
            // Same configuration (Debug/Release) as the tests themselves were built in.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var dll = Path.Combine(RepoPaths.Root, "src", "Pictor", "bin", configuration, "net10.0", "Pictor.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/Pictor first: {dll} is missing.");
        }
    }

    public static Task<PictorProcess> StartAsync(IDictionary<string, string> settings, int? port = null, TimeSpan? timeout = null) =>
        StartAsync(StartInfo(settings), port, timeout);

    /// <summary>Starts <paramref name="info"/> (from <see cref="StartInfo"/>, perhaps adjusted) on a loopback port and waits until it is healthy.</summary>
    public static async Task<PictorProcess> StartAsync(ProcessStartInfo info, int? port = null, TimeSpan? timeout = null)
    {
        var chosen = port ?? FreePort();
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{chosen}";

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var instance = new PictorProcess(process, chosen);
        process.OutputDataReceived += (_, e) => instance.Append(e.Data);
        process.ErrorDataReceived += (_, e) => instance.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await instance.WaitHealthyAsync(timeout ?? TimeSpan.FromSeconds(60));
        return instance;
    }

    /// <summary>Pictor.dll with <paramref name="args"/>, configured as an operator would: environment variables, Production.</summary>
    public static ProcessStartInfo StartInfo(IDictionary<string, string> settings, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", ["exec", PictorDll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(PictorDll)!,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Pictor.Hosting.ShutdownDrain"] = "Information";
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__")] = value;
        return info;
    }

    public HttpClient Client(string? apiKey = ApiKey, TimeSpan? timeout = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = BaseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(100),
        };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>SIGTERM, as systemd or an orchestrator stops the service: it drains and exits.</summary>
    public void Terminate()
    {
        if (!_process.HasExited && Kill(_process.Id, ServerProcess.SigTerm) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the process to end by itself; its exit code, or null if it was still running at <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut of the process.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
        Line?.Invoke(line);
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        try
        {
            await Healthz.WaitAsync("Pictor", BaseAddress, () => _process.HasExited ? $"exited with {_process.ExitCode}" : null, () => Log, timeout);
        }
        catch (TimeoutException)
        {
            Kill();
            throw;
        }
    }
}
