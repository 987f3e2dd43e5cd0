using System.Net.Http.Headers;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// A front end of the instances (nginx, Apache httpd; Debian's packages) running as a child process on
/// a free loopback port, with everything it writes in a temp folder of its own.
/// </summary>
public sealed class FrontEndServer : IDisposable
{
    private readonly TempFolder _folder;
    private readonly ServerProcess _server;
    private readonly int _stopSignal;

    private FrontEndServer(TempFolder folder, ServerProcess server, int port, int stopSignal)
    {
        _folder = folder;
        _server = server;
        _stopSignal = stopSignal;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    public string Log => _server.Output;

    /// <summary>
    /// Starts <paramref name="binary"/> in <paramref name="folder"/> (which it then owns) until it answers
    /// <c>/healthz</c>; <paramref name="configure"/> writes the configuration for a port and returns the
    /// arguments. A port taken meanwhile by another process is replaced by another.
    /// </summary>
    /// <param name="stopSignal">The signal for a graceful stop.</param>
    public static async Task<FrontEndServer> StartAsync(string name, string binary, TempFolder folder, Func<int, Task<string[]>> configure, int stopSignal)
    {
        try
        {
            var (server, port) = await ServerProcess.StartOnFreePortAsync(name, async port => (binary, await configure(port)),
                (server, port) => Healthz.WaitAsync(name, new Uri($"http://127.0.0.1:{port}"), () => server.HasExited ? "exited" : null, () => server.Output, TimeSpan.FromSeconds(30)),
                portTaken: "Address already in use", stopSignal, folder.Path);
            return new FrontEndServer(folder, server, port, stopSignal);
        }
        catch (Exception e)
        {
            folder.Dispose();
            throw new InvalidOperationException($"{name} could not be started for the tests (scripts/install-test-deps.sh installs Debian's {name}): {e.Message}", e);
        }
    }

    /// <summary>The binary named by <paramref name="variable"/>, else the first of <paramref name="candidates"/> present.</summary>
    public static string Binary(string name, string variable, params string[] candidates)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured) return configured;
        foreach (var candidate in candidates)
            if (File.Exists(candidate)) return candidate;
        throw new InvalidOperationException($"{name} not found ({candidates[0]}): install Debian's {name} package (scripts/install-test-deps.sh) or set {variable}.");
    }

    public HttpClient Client(string? apiKey = PictorProcess.ApiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(150) };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public void Dispose()
    {
        _server.Stop(_stopSignal, TimeSpan.FromSeconds(10)); // graceful shutdown
        _folder.Dispose();
        _server.Dispose();
    }
}
