using Pictor.Client;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Clients;

/// <summary>
/// A real Pictor process for the client and CLI tests, with limits small enough to provoke every refusal with corpus
/// images: uploads over 2,000,000 bytes are 413, images over 5,000,000 pixels 422; a read-only key for 403; derived URLs other than 90x60 and the preset need a signature.
/// </summary>
public class ClientServerFixture : IAsyncLifetime
{
    public const string ReadKey = "read-only-key-0123";
    public const string SigningKey = "client-signing-key";
    public const string Preset = "thumb";
    public const string PresetOptions = "w_120,h_80";

    private readonly TempFolder _data = new("pictor-client");

    public PictorProcess Server { get; private set; } = null!;

    /// <summary>Settings on top of these (a subclass changes the failed-authentication limit).</summary>
    protected virtual IDictionary<string, string> Settings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Pictor:DataDirectory"] = _data.Path,
            ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
            ["Pictor:Keys:0:Key"] = ReadKey,
            ["Pictor:Keys:0:Scope"] = "read",
            ["Pictor:Limits:MaxUploadBytes"] = "2000000",
            ["Pictor:Limits:MaxPixels"] = "5000000",
            ["Pictor:Signing:Keys:0"] = SigningKey,
            ["Pictor:Signing:Required"] = "true",
            ["Pictor:AllowedSizes:0"] = "90x60",
            [$"Pictor:Presets:{Preset}"] = PresetOptions,
            ["Pictor:Auth:FailuresPerMinute"] = "0",
        };
        foreach (var (key, value) in Settings) settings[key] = value;
        Server = await PictorProcess.StartAsync(settings);
    }

    /// <summary>A client with the full-access key (or <paramref name="apiKey"/>; null for none).</summary>
    public PictorClient Client(string? apiKey = PictorFactory.ApiKey, string? signingKey = null) =>
        new(new HttpClient(), new PictorClientOptions { BaseAddress = Server.BaseAddress, ApiKey = apiKey, SigningKey = signingKey });

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _data.Dispose();
    }
}
