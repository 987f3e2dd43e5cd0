using System.Text.Json;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Observability;

/// <summary>
/// <c>Logging:Console:FormatterName=json</c> (ASP.NET Core's own console formatter) turns the service's console
/// output into one JSON object per line, for log shippers; shown on the real process, configured by environment.
/// </summary>
public sealed class JsonConsoleLogsTests : IDisposable
{
    private readonly TempFolder _root = new("pictor-jsonlogs");

    [Fact]
    public async Task With_the_json_formatter_every_log_line_is_a_json_object()
    {
        await using var server = await PictorProcess.StartAsync(new Dictionary<string, string>
        {
            ["Pictor:DataDirectory"] = Path.Combine(_root.Path, "data"),
            ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        });
        using var client = server.Client();
        await client.GetAsync("/healthz");

        var lines = server.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        var entries = lines.Select(line =>
        {
            try { return JsonDocument.Parse(line).RootElement; }
            catch (JsonException) { throw new Xunit.Sdk.XunitException($"not a JSON line: {line}"); }
        }).ToList();
        Assert.All(entries, e => Assert.True(e.TryGetProperty("LogLevel", out _) && e.TryGetProperty("Category", out _) && e.TryGetProperty("Message", out _), e.ToString()));
        Assert.Contains(entries, e => e.GetProperty("Message").GetString()!.Contains("Now listening on", StringComparison.Ordinal));
    }

    public void Dispose() => _root.Dispose();
}
