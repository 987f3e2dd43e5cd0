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
    public static async Task<ServerProcess> StartAsync(string repositoryRoot, string dataDirectory)
    {
        if (Path.GetFullPath(repositoryRoot).TrimEnd('/') != RepoPaths.Root.TrimEnd('/'))
            throw new ArgumentException($"The soak runs the service of the repository it was built in ({RepoPaths.Root}), not {repositoryRoot}.", nameof(repositoryRoot));
        var server = await PictorProcess.StartAsync(new Dictionary<string, string>
        {
            ["Pictor:DataDirectory"] = dataDirectory,
            ["Pictor:ApiKeys:0"] = ApiKey,
        });
        server.Line += line => Console.Error.WriteLine($"  server: {line}");
        return new ServerProcess(server);
    }

    /// <summary>VmRSS from /proc: what the kernel gives the process.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        throw new InvalidOperationException("no VmRSS");
    }

    public void Dispose()
    {
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _process.Dispose();
    }
}
