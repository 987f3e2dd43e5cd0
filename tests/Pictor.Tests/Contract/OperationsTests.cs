using System.Net;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

public abstract class OperationsTests<TBackend>(TBackend factory) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private readonly HttpClient _client = factory.Client();

    [Fact]
    public async Task Healthz_answers_ok()
    {
        var response = await _client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_count_generations_requests_by_status_and_derive_latency()
    {
        // Other tests of the class share the instance and run in any order: compare before and after.
        var before = await MetricsAsync();
        var id = "m" + Guid.NewGuid().ToString("N")[..8];
        await _client.UploadOkAsync(id, Corpus.Bytes("wuffs/hat.jpeg"));
        await _client.GetByteArrayAsync($"/derived/{id}-10x10.jpg");
        await _client.GetByteArrayAsync($"/derived/{id}-10x10.jpg");
        await _client.GetAsync("/original/missing-one");
        var text = await _client.GetStringAsync("/metrics");
        var after = Parse(text);
        Assert.Contains("# TYPE pictor_derived_generated_total counter", text);
        Assert.Equal(1, Delta("pictor_derived_generated_total"));
        Assert.Equal(1, Delta("pictor_http_requests_total{method=\"GET\",code=\"404\"}"));
        Assert.Equal(1, Delta("pictor_http_requests_total{method=\"POST\",code=\"201\"}"));
        Assert.Equal(1, Delta("pictor_derive_duration_seconds_count"));
        Assert.Equal(1, Delta("pictor_derive_duration_seconds_bucket{le=\"+Inf\"}"));

        long Delta(string series) => after.GetValueOrDefault(series) - before.GetValueOrDefault(series);
    }

    private async Task<Dictionary<string, long>> MetricsAsync() => Parse(await _client.GetStringAsync("/metrics"));

    private static Dictionary<string, long> Parse(string text) => text.Split('\n')
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => (Series: l[..l.LastIndexOf(' ')], Value: l[(l.LastIndexOf(' ') + 1)..]))
        .Where(p => long.TryParse(p.Value, out _))
        .ToDictionary(p => p.Series, p => long.Parse(p.Value));

    [Fact]
    public async Task Every_response_carries_a_request_id_that_problem_bodies_repeat()
    {
        var response = await _client.GetAsync("/original/missing-two");
        var id = response.Headers.GetValues("X-Request-Id").Single();
        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(id, problem.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Unknown_paths_get_a_404_problem() =>
        await (await _client.GetAsync("/nothing/here")).ProblemAsync(HttpStatusCode.NotFound);
}
