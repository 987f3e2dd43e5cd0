using System.Diagnostics;
using System.Globalization;
using Pictor.Tests.Infrastructure;

namespace Pictor.Soak;

/// <summary>
/// The built service (Release) as the soak sees it: started by the tests' <see cref="PictorProcess"/> on a free loopback
/// port, on a fresh data directory, printing to stderr; its own figures read from /proc.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    public const string ApiKey = PictorProcess.ApiKey;

    private readonly PictorProcess _server;
    private readonly Process _process;

    private ServerProcess(PictorProcess server)
    {
        _server = server;
        _process = Process.GetProcessById(server.ProcessId); // dotnet exec runs the service in place
        Address = server.BaseAddress;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts the Release build of <paramref name="repositoryRoot"/> (the repository these binaries were built in).</summary>
    /// <param name="webhook">The URL events go to (Pictor:Webhooks:0), signed with <see cref="WebhookReceiver.Secret"/>.</param>
    public static async Task<ServerProcess> StartAsync(string repositoryRoot, string dataDirectory, string webhook)
    {
        if (Path.GetFullPath(repositoryRoot).TrimEnd('/') != RepoPaths.Root.TrimEnd('/'))
            throw new ArgumentException($"The soak runs the service of the repository it was built in ({RepoPaths.Root}), not {repositoryRoot}.", nameof(repositoryRoot));
        var server = await PictorProcess.StartAsync(new Dictionary<string, string>
        {
            ["Pictor:DataDirectory"] = dataDirectory,
            ["Pictor:ApiKeys:0"] = ApiKey,
            ["Pictor:Webhooks:0:Url"] = webhook,
            ["Pictor:Webhooks:0:Secret"] = WebhookReceiver.Secret,
        });
        server.Line += line => Console.Error.WriteLine($"  server: {line}");
        return new ServerProcess(server);
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

    public void Dispose()
    {
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _process.Dispose();
    }
}
