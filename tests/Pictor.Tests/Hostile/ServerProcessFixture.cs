using System.Globalization;
using System.Text.RegularExpressions;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Hostile;

/// <summary>
/// One real Pictor process (Kestrel, the built Pictor.dll) on a fresh data directory, shared by the
/// tests of a class. Hostile input is sent over real sockets: TestServer would normalise what a
/// hostile client can put on the wire (NUL bytes, encoded slashes, slow bodies), and memory can only
/// be measured on a process of its own.
/// </summary>
public class ServerProcessFixture : IAsyncLifetime
{
    private readonly TempFolder _root = new("pictor-hostile");

    /// <summary>The folder holding the data directory; tests check that nothing outside the store changes.</summary>
    public string Root => _root.Path;

    public string DataDirectory => Path.Combine(_root.Path, "data");

    public PictorProcess Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public int ProcessId => Server.ProcessId;

    /// <summary>Settings on top of the data directory and the API key, as an operator would write them.</summary>
    protected virtual IDictionary<string, string> Settings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>(Settings)
        {
            ["Pictor:DataDirectory"] = DataDirectory,
            ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
        };
        Server = await PictorProcess.StartAsync(settings);
        Client = Server.Client();
    }

    /// <summary>
    /// Nothing a client sent made the service fail: no 5xx in its request counters other than the
    /// <paramref name="allowed"/> ones (503 where overload is the point), no unhandled fault in its log, still serving.
    /// </summary>
    public async Task AssertNoServerFaultsAsync(params int[] allowed)
    {
        Assert.False(Server.HasExited, $"the server died:\n{Server.Log}");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Client.GetAsync("/healthz")).StatusCode);
        var metrics = await Client.GetStringAsync("/metrics");
        var faults = Regex.Matches(metrics, @"^pictor_http_requests_total\{method=""(?<m>[^""]*)"",code=""(?<c>5\d\d)""\} (?<n>\d+)$", RegexOptions.Multiline)
            .Where(m => !allowed.Contains(int.Parse(m.Groups["c"].Value, CultureInfo.InvariantCulture)))
            .Select(m => m.Value)
            .ToList();
        Assert.True(faults.Count == 0, $"server faults: {string.Join("; ", faults)}\n{Server.Log}");
        Assert.DoesNotContain("Unhandled fault", Server.Log);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        _root.Dispose();
    }
}
