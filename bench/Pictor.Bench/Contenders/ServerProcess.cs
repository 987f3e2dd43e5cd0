using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pictor.Bench.Measuring;

namespace Pictor.Bench.Contenders;

/// <summary>A contender's server on a loopback port, its output in a log file; stopped with its children.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process _process;
    private readonly StreamWriter _log;
    private int _disposed;

    private ServerProcess(string name, int port, Process process, StreamWriter log)
    {
        Name = name;
        Port = port;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    public int Port { get; }

    public int Pid => _process.Id;

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static ServerProcess Start(string name, int port, string fileName, IEnumerable<string> arguments,
        string workingDirectory, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        void Write(object? _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (log) log.WriteLine(e.Data);
        }
        process.OutputDataReceived += Write;
        process.ErrorDataReceived += Write;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(name, port, process, log);
    }

    /// <summary>Waits until <paramref name="path"/> answers 2xx; fails loudly (with the log's path) otherwise.</summary>
    public async Task WaitReadyAsync(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting; see its log.");
            if (await AnswersAsync(path)) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} did not answer {path} within {timeout.TotalSeconds:F0} s; see its log.");
    }

    /// <summary>Still running and answering <paramref name="path"/> with 2xx.</summary>
    public async Task<bool> AnswersAsync(string path)
    {
        if (_process.HasExited || !ProcessStats.IsAlive(Pid)) return false;
        try
        {
            using var response = await Probe.GetAsync(BaseUrl + path);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>The ETag the server gives <paramref name="path"/>, for revalidation loads.</summary>
    public async Task<string> ETagAsync(string path)
    {
        using var response = await Probe.GetAsync(BaseUrl + path);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException($"{Name} gives {path} no ETag.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
