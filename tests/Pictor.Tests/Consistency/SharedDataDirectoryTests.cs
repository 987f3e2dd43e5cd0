using System.Net;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Consistency;

/// <summary>
/// Two real processes on one data directory (one SQLite file, one file store): single flight and
/// deletes hold across processes, not only within one.
/// </summary>
public sealed class SharedDataDirectoryTests : IAsyncLifetime
{
    private readonly TempFolder _data = new("pictor-shared");
    private PictorProcess _a = null!;
    private PictorProcess _b = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Pictor:DataDirectory"] = _data.Path,
            ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
        };
        _a = await PictorProcess.StartAsync(settings);
        _b = await PictorProcess.StartAsync(settings);
    }

    [Fact]
    public async Task Concurrent_requests_split_over_two_processes_generate_once_and_agree()
    {
        using var a = _a.Client();
        using var b = _b.Client();
        await a.UploadOkAsync("shared", Corpus.Bytes("bench/harvesters-4032x3024.jpg"));

        var requests = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).GetAsync("/derived/shared-640x360.webp"));
        var responses = await Task.WhenAll(requests);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsByteArrayAsync()));
        Assert.All(bodies, body => Assert.Equal(bodies[0], body));
        Assert.Equal((640, 360), Pixels.Size(bodies[0]));
        Assert.Equal(1, await a.GeneratedAsync() + await b.GeneratedAsync());
    }

    [Fact]
    public async Task A_delete_on_one_process_is_seen_by_the_other_at_once()
    {
        using var a = _a.Client();
        using var b = _b.Client();
        await a.UploadOkAsync("gone", Corpus.Bytes("wuffs/hat.jpeg"));
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/derived/gone-20x20.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await a.DeleteAsync("/original/gone")).StatusCode);
        await (await b.GetAsync("/derived/gone-20x20.jpg")).ProblemAsync(HttpStatusCode.NotFound);
        await (await b.GetAsync("/original/gone")).ProblemAsync(HttpStatusCode.NotFound);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _data.Dispose();
    }
}
