using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// The real service in-process (real Kestrel pipeline, real SQLite file, real blob files) on a fresh data
/// directory. Settings are the ones an operator would write; <see cref="Client"/> carries the API key.
/// </summary>
public class PictorFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = PictorProcess.ApiKey;

    /// <summary>A scoped key (<c>Pictor:Keys</c>) that may write but is not admin (configured on the shared fixtures).</summary>
    public const string WriteKey = "test-write-key-abcdefghij";

    /// <summary>A scoped key that may only read (configured on the shared fixtures).</summary>
    public const string ReadKey = "test-read-key-klmnopqrst";
    private readonly TempFolder? _ownedData;
    private readonly Dictionary<string, string?> _settings;

    /// <param name="dataDirectory">An existing data directory to start on (a restart); a fresh one when null.</param>
    public PictorFactory(IDictionary<string, string?>? settings = null, string environment = "Production", string? dataDirectory = null)
    {
        Environment = environment;
        if (dataDirectory is null) _ownedData = new TempFolder("pictor-data");
        DataDirectory = dataDirectory ?? _ownedData!.Path;
        _settings = new Dictionary<string, string?>
        {
            ["Pictor:DataDirectory"] = DataDirectory,
            ["Pictor:ApiKeys:0"] = ApiKey,
            ["Pictor:Consistency:SweepIntervalSeconds"] = "3600",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    /// <summary>The settings of <see cref="WriteKey"/> and <see cref="ReadKey"/>, besides the admin <see cref="ApiKey"/>.</summary>
    public static Dictionary<string, string?> ScopedKeys() => new()
    {
        ["Pictor:Keys:0:Key"] = WriteKey,
        ["Pictor:Keys:0:Scope"] = "write",
        ["Pictor:Keys:1:Key"] = ReadKey,
        ["Pictor:Keys:1:Scope"] = "read",
    };

    public string Environment { get; }

    public string DataDirectory { get; }

    /// <summary>Another instance on fresh stores of the same backend (what <c>new PictorFactory(…)</c> is for SQLite + files).</summary>
    public virtual Task<PictorFactory> NewAsync(IDictionary<string, string?>? settings = null, string environment = "Production") =>
        Task.FromResult(new PictorFactory(settings, environment));

    /// <summary>Every object in the blob store (for the file store, the files under it, relative to it).</summary>
    public virtual IReadOnlyList<string> BlobFiles()
    {
        var root = Path.Combine(DataDirectory, "blobs");
        return Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).ToList()
            : [];
    }

    /// <summary>A client that sends the API key (admin).</summary>
    public HttpClient Client() => Client(ApiKey);

    /// <summary>A client that sends <paramref name="key"/>.</summary>
    public HttpClient Client(string key)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient AnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>For backends that provision their stores before the host starts.</summary>
    protected void Set(string key, string? value) => _settings[key] = value;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _ownedData?.Dispose();
    }
}

/// <summary>A <see cref="PictorFactory"/> with default settings and the scoped keys, shared by the tests of one class.</summary>
public sealed class PictorFixture() : PictorFactory(ScopedKeys());
