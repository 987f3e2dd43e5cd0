using Pictor.Bench.Measuring;
using Pictor.Tests.Infrastructure;

namespace Pictor.Bench.Contenders;

/// <summary>
/// A contender's server as the bench sees it: where it listens, its process (for the load figures), whether it still
/// answers; its output copied to a log file. Started by the launchers the tests use (tests/Pictor.Testing):
/// <see cref="PictorProcess"/> for Pictor, <see cref="ServerProcess"/> for the others.
/// </summary>
public sealed class ContenderServer : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Func<bool> _hasExited;
    private readonly Func<ValueTask> _stop;
    private readonly StreamWriter _log;
    private int _disposed;

    private ContenderServer(string name, int port, int pid, Func<bool> hasExited, Func<ValueTask> stop, StreamWriter log)
    {
        Name = name;
        Port = port;
        Pid = pid;
        _hasExited = hasExited;
        _stop = stop;
        _log = log;
    }

    public string Name { get; }

    public int Port { get; }

    public int Pid { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>
    /// Starts <paramref name="file"/> listening on <paramref name="port"/> and waits until <paramref name="readyPath"/>
    /// answers 2xx; a server that exits or stays silent fails with what it printed.
    /// </summary>
    public static async Task<ContenderServer> StartAsync(string name, int port, string file, IEnumerable<string> arguments,
        string workingDirectory, IDictionary<string, string> environment, string logPath, string readyPath, TimeSpan timeout)
    {
        var log = OpenLog(logPath);
        var process = ServerProcess.Start(name, file, arguments, workingDirectory, environment);
        process.Line += line => Write(log, line);
        var server = new ContenderServer(name, port, process.Id, () => process.HasExited, () =>
        {
            process.Dispose(); // kills it with its children (nginx's workers)
            return ValueTask.CompletedTask;
        }, log);
        try
        {
            await Healthz.WaitAsync(name, new Uri(server.BaseUrl), () => process.HasExited ? "exited" : null, () => process.Output, timeout, readyPath);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Pictor, started and healthy; what it prints from now on goes to <paramref name="logPath"/> too.</summary>
    public static ContenderServer Of(string name, PictorProcess pictor, string logPath)
    {
        var log = OpenLog(logPath);
        Write(log, pictor.Log.TrimEnd('\n'));
        pictor.Line += line => Write(log, line);
        return new ContenderServer(name, pictor.Port, pictor.ProcessId, () => pictor.HasExited, pictor.DisposeAsync, log);
    }

    /// <summary>Still running and answering <paramref name="path"/> with 2xx.</summary>
    public async Task<bool> AnswersAsync(string path)
    {
        if (_hasExited() || !ProcessStats.IsAlive(Pid)) return false;
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

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop();
        lock (_log) _log.Dispose();
    }

    private static StreamWriter OpenLog(string path) => new(path) { AutoFlush = true };

    private static void Write(StreamWriter log, string line)
    {
        lock (log)
        {
            if (log.BaseStream is { CanWrite: true }) log.WriteLine(line);
        }
    }
}
