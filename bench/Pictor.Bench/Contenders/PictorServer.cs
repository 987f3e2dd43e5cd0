using System.Net.Http.Headers;
using Pictor.Bench.Running;

namespace Pictor.Bench.Contenders;

/// <summary>Pictor's Release build with its default configuration, apart from the port, the data folder and a write key.</summary>
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
        var dll = Path.Combine(paths.PictorBin, "Pictor.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build src/Pictor in Release first (bench/run.sh does).");
        var port = ServerProcess.FreePort();
        var data = Directory.CreateDirectory(Path.Combine(workDirectory, "pictor")).FullName;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Pictor__DataDirectory"] = data,
            ["Pictor__ApiKeys__0"] = ApiKey,
        };
        foreach (var (key, value) in extraEnvironment) environment[key] = value;
        var server = ServerProcess.Start(ContenderNames.Pictor, port, "dotnet", [dll], paths.PictorBin, environment, Path.Combine(paths.Logs, "pictor.log"));
        await server.WaitReadyAsync("/healthz", TimeSpan.FromSeconds(60));
        return new PictorServer(server);
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
