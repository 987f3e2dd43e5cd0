using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// A server the tests start as a child process (PostgreSQL, s3rver, nginx): keeps the last lines it
/// printed for error messages, and stops it gently (SIGINT/SIGTERM) before resorting to SIGKILL.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private const int MaxLines = 300;
    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly string _name;
    private Process? _watchdog;

    private ServerProcess(string name, Process process)
    {
        _name = name;
        _process = process;
    }

    public event Action<string>? Line;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output { get { lock (_lines) return string.Join('\n', _lines); } }

    /// <summary>Starts <paramref name="file"/>; a missing binary fails with what to install.</summary>
    public static ServerProcess Start(string name, string file, IEnumerable<string> arguments, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // s3rver and nginx must not read the test host's console
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{name}: {file} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{name}: cannot run {file} ({e.Message}). Run scripts/install-test-deps.sh first.", e);
        }
        var server = new ServerProcess(name, process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>
    /// Starts a server on a free loopback port (<paramref name="command"/> gives the command line for a port),
    /// watched by <see cref="StopWhenTestHostDies"/>, and waits for its <paramref name="ready"/> line. If the
    /// port was taken meanwhile (the server printed <paramref name="portTaken"/>) it tries another.
    /// </summary>
    public static Task<(ServerProcess Server, int Port)> StartOnFreePortAsync(
        string name, Func<int, (string File, string[] Args)> command, string ready, string portTaken, int stopSignal, string folder) =>
        StartOnFreePortAsync(name, port => Task.FromResult(command(port)), (server, _) => server.WaitForReadyLineAsync(ready), portTaken, stopSignal, folder);

    /// <summary>
    /// As the other overload, with a command line written for the port asynchronously (a configuration file, say)
    /// and any readiness check (an HTTP probe of the port, say).
    /// </summary>
    public static async Task<(ServerProcess Server, int Port)> StartOnFreePortAsync(string name, Func<int, Task<(string File, string[] Args)>> command,
        Func<ServerProcess, int, Task> waitReady, string portTaken, int stopSignal, string folder)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = PictorProcess.FreePort();
            try
            {
                return (await StartWatchedAsync(name, await command(port), server => waitReady(server, port), stopSignal, folder), port);
            }
            catch (InvalidOperationException e) when (attempt < 5 && e.Message.Contains(portTaken, StringComparison.Ordinal))
            {
                // the free port was taken in the meantime: try another
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="command"/>, watched by <see cref="StopWhenTestHostDies"/>, and waits for its
    /// <paramref name="ready"/> line; a server that exits first fails with what it printed (and is disposed).
    /// </summary>
    public static Task<ServerProcess> StartReadyAsync(string name, (string File, string[] Args) command, string ready, int stopSignal, string folder) =>
        StartWatchedAsync(name, command, server => server.WaitForReadyLineAsync(ready), stopSignal, folder);

    private static async Task<ServerProcess> StartWatchedAsync(string name, (string File, string[] Args) command, Func<ServerProcess, Task> waitReady, int stopSignal, string folder)
    {
        var server = Start(name, command.File, command.Args);
        try
        {
            server.StopWhenTestHostDies(stopSignal, folder);
            await waitReady(server);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private Task<string> WaitForReadyLineAsync(string ready) =>
        WaitForLineAsync(l => l.Contains(ready, StringComparison.Ordinal), TimeSpan.FromSeconds(60));

    /// <summary>Runs a command to completion; a non-zero exit fails with its output.</summary>
    public static async Task RunAsync(string name, string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var run = Start(name, file, arguments);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await run._process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            run.Kill();
            throw new TimeoutException($"{name}: {file} did not finish within {timeout}:\n{run.Output}");
        }
        run._process.WaitForExit(); // drains the output readers
        if (run._process.ExitCode != 0)
            throw new InvalidOperationException($"{name}: {file} {string.Join(' ', arguments)} exited with {run._process.ExitCode}:\n{run.Output}");
    }

    /// <summary>Waits until a printed line satisfies <paramref name="match"/>; fails if the server exits first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(string line)
        {
            if (match(line)) found.TrySetResult(line);
        }
        Line += Check;
        try
        {
            lock (_lines)
                foreach (var line in _lines) Check(line);
            var deadline = DateTime.UtcNow + timeout;
            while (!found.Task.IsCompleted)
            {
                if (_process.HasExited) throw new InvalidOperationException($"{_name} exited with {_process.ExitCode} while starting:\n{Output}");
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{_name} did not start within {timeout}:\n{Output}");
                await Task.WhenAny(found.Task, Task.Delay(50));
            }
            return await found.Task;
        }
        finally
        {
            Line -= Check;
        }
    }

    /// <summary>
    /// Stops the server with <paramref name="signal"/> and removes <paramref name="folder"/> if the test host dies
    /// before it has done so itself (the test runner may end the host right after the last test; a CI
    /// timeout; a crash): a small shell watches the host, since a server outlives its parent otherwise.
    /// Disposing this object ends the watch, so dispose it after the folder is gone.
    /// </summary>
    public void StopWhenTestHostDies(int signal, string folder)
    {
        const string script = """
            while kill -0 "$1" 2>/dev/null; do sleep 0.5; done
            kill -"$3" "$2" 2>/dev/null
            i=0; while kill -0 "$2" 2>/dev/null && [ "$i" -lt 20 ]; do sleep 0.5; i=$((i + 1)); done
            kill -9 "$2" 2>/dev/null
            rm -rf "$4"
            """;
        var info = new ProcessStartInfo("/bin/sh", ["-c", script, "watchdog", Environment.ProcessId.ToString(), _process.Id.ToString(), signal.ToString(), folder])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _watchdog = Process.Start(info);
    }

    /// <summary>Asks the server to stop with <paramref name="signal"/>, waits, then kills it.</summary>
    public void Stop(int signal, TimeSpan grace)
    {
        if (_process.HasExited) return;
        _ = SendSignal(_process.Id, signal);
        if (!_process.WaitForExit(grace)) Kill();
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { } // already gone
    }

    public void Dispose()
    {
        EndWatchdog();
        Kill();
        _process.Dispose();
    }

    public const int SigInt = 2;
    public const int SigTerm = 15;
    public const int SigQuit = 3;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private void EndWatchdog()
    {
        try
        {
            if (_watchdog is { HasExited: false }) _watchdog.Kill();
        }
        catch (InvalidOperationException) { }
        _watchdog?.Dispose();
        _watchdog = null;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > MaxLines) _lines.Dequeue();
        }
        Line?.Invoke(line);
    }
}
