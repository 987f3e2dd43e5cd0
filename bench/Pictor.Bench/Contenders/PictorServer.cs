using System.Net.Http.Headers;
using Pictor.Bench.Running;
using Pictor.Tests.Infrastructure;

namespace Pictor.Bench.Contenders;

/// <summary>
/// Pictor's Release build with its default configuration, apart from the port, the data folder and a write key: started
/// as the tests start it (<see cref="PictorProcess"/>), but with the default log levels.
/// </summary>
public sealed class PictorServer : IAsyncDisposable
{
    public const string ApiKey = "bench-key";
    private readonly HttpClient _http;
    private int _ids;

    private PictorServer(ServerProcess server)
    {
        Server = server;
        _http = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
    }

    public ServerProcess Server { get; }

    public static async Task<PictorServer> StartAsync(BenchPaths paths, string workDirectory, IReadOnlyDictionary<string, string> extraEnvironment)
    {
        var data = Directory.CreateDirectory(Path.Combine(workDirectory, "pictor")).FullName;
        var info = PictorProcess.StartInfo(new Dictionary<string, string>
        {
            ["Pictor:DataDirectory"] = data,
            ["Pictor:ApiKeys:0"] = ApiKey,
        });
        // The tests quieten the service's logs; measured, it logs as an operator's does by default.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Logging__", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        foreach (var (key, value) in extraEnvironment) info.Environment[key] = value;
        var pictor = await PictorProcess.StartAsync(info, timeout: TimeSpan.FromSeconds(60));
        return new PictorServer(ServerProcess.Of(ContenderNames.Pictor, pictor, Path.Combine(paths.Logs, "pictor.log")));
    }

    /// <summary>Stores <paramref name="file"/> under a new ID (so its sizes have never been asked for) and returns the ID.</summary>
    public async Task<string> UploadAsync(string file, string prefix)
    {
        var id = $"{prefix}-{Interlocked.Increment(ref _ids)}";
        await using var body = File.OpenRead(file);
        using var response = await _http.PutAsync($"/original/{id}", new StreamContent(body));
        response.EnsureSuccessStatusCode();
        return id;
    }

    public async Task<byte[]> GetBytesAsync(string path) => await _http.GetByteArrayAsync(path);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Server.DisposeAsync();
    }
}
