using Pictor.Bench.Measuring;
using Pictor.Tests.Infrastructure;
using Launcher = Pictor.Tests.Infrastructure.ServerProcess;

namespace Pictor.Bench.Contenders;

/// <summary>
/// A contender's server as the bench sees it: where it listens, its process (for the load figures), whether it still
/// answers; its output copied to a log file. The process itself is started by the launchers the tests use
/// (tests/Pictor.Testing): their <see cref="Launcher"/> for nginx, ipx and the like, <see cref="PictorProcess"/> for Pictor.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Func<bool> _hasExited;
    private readonly Func<string> _output;
    private readonly Func<ValueTask> _stop;
    private readonly StreamWriter _log;
    private int _disposed;

    private ServerProcess(string name, int port, int pid, Func<bool> hasExited, Func<string> output, Func<ValueTask> stop, StreamWriter log)
    {
        Name = name;
        Port = port;
        Pid = pid;
        _hasExited = hasExited;
        _output = output;
        _stop = stop;
        _log = log;
    }

    public string Name { get; }

    public int Port { get; }

    public int Pid { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Starts <paramref name="fileName"/>, which is to listen on <paramref name="port"/>; <see cref="WaitReadyAsync"/> then waits for it.</summary>
    public static ServerProcess Start(string name, int port, string fileName, IEnumerable<string> arguments,
        string workingDirectory, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var log = OpenLog(logPath);
        var process = Launcher.Start(name, fileName, arguments, workingDirectory, new Dictionary<string, string>(environment));
        process.Line += line => Write(log, line);
        return new ServerProcess(name, port, process.Id, () => process.HasExited, () => process.Output, () =>
        {
            process.Dispose(); // kills it with its children (nginx's workers)
            return ValueTask.CompletedTask;
        }, log);
    }

    /// <summary>Pictor, started and healthy; what it prints from now on goes to <paramref name="logPath"/> too.</summary>
    public static ServerProcess Of(string name, PictorProcess pictor, string logPath)
    {
        var log = OpenLog(logPath);
        Write(log, pictor.Log.TrimEnd('\n'));
        pictor.Line += line => Write(log, line);
        return new ServerProcess(name, pictor.Port, pictor.ProcessId, () => pictor.HasExited, () => pictor.Log, pictor.DisposeAsync, log);
    }

    public static int FreePort() => PictorProcess.FreePort();

    /// <summary>Waits until <paramref name="path"/> answers 2xx; a server that exits or stays silent is stopped and fails with what it printed.</summary>
    public async Task WaitReadyAsync(string path, TimeSpan timeout)
    {
        try
        {
            await Healthz.WaitAsync(Name, new Uri(BaseUrl), () => _hasExited() ? "exited" : null, _output, timeout, path);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
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
