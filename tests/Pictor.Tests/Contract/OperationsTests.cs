using System.Net;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

public sealed class OperationsTests(PictorFixture factory) : IClassFixture<PictorFixture>
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
        await _client.UploadOkAsync("m", Corpus.Bytes("wuffs/hat.jpeg"));
        await _client.GetByteArrayAsync("/derived/m-10x10.jpg");
        await _client.GetByteArrayAsync("/derived/m-10x10.jpg");
        await _client.GetAsync("/original/missing-one");
        var text = await _client.GetStringAsync("/metrics");
        Assert.Contains("# TYPE pictor_derived_generated_total counter", text);
        Assert.Contains("pictor_derived_generated_total 1\n", text);
        Assert.Contains("pictor_http_requests_total{method=\"GET\",code=\"404\"} 1\n", text);
        Assert.Contains("pictor_http_requests_total{method=\"POST\",code=\"201\"} 1\n", text);
        Assert.Contains("pictor_derive_duration_seconds_count 1\n", text);
        Assert.Contains("pictor_derive_duration_seconds_bucket{le=\"+Inf\"} 1\n", text);
    }

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
