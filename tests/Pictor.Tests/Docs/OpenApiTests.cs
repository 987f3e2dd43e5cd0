using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pictor.Problems;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Docs;

/// <summary>
/// The OpenAPI document describes every endpoint the service maps, with its responses and problem types. An
/// endpoint added without a description (see src/Pictor/Docs/EndpointDocs.cs) fails here.
/// </summary>
public sealed partial class OpenApiTests(PictorFixture factory) : IClassFixture<PictorFixture>
{
    /// <summary>
    /// The documentation's own endpoints (the document and the reference page) and the admin UI's page and files are
    /// not described in it (/admin/session, which the UI calls, is).
    /// </summary>
    private static bool IsDocumentation(string path) => path.StartsWith("/openapi/", StringComparison.Ordinal) || path == "/docs" || path.StartsWith("/docs/", StringComparison.Ordinal)
        || path is "/admin" or "/admin/{name}";

    private readonly HttpClient _client = factory.Client();

    [Fact]
    public async Task Every_mapped_endpoint_and_method_is_an_operation_of_the_document_and_nothing_else_is()
    {
        var mapped = MappedEndpoints(factory);
        Assert.Contains(("/original/{id}", "POST"), mapped); // the enumeration sees the real routes
        Assert.Contains(("/derived/{name}", "HEAD"), mapped);
        Assert.True(mapped.Count >= 12, $"only {mapped.Count} endpoints found");
        Assert.Empty(await UndescribedAsync(factory, _client));
    }

    [Fact]
    public async Task An_endpoint_mapped_without_a_description_is_caught()
    {
        using var extended = new ExtendedPictor();
        var failures = await UndescribedAsync(extended, extended.Client());
        Assert.Contains("GET /undescribed: no operationId (.WithName)", failures);
        Assert.Contains("GET /undescribed: no summary (.WithSummary)", failures);
        Assert.Contains("GET /undescribed: no problem response (.Problems)", failures);
        Assert.Contains("DELETE /hidden is not in /openapi/v1.json", failures);
    }

    /// <summary>What is wrong with the document, one line each: endpoints missing from it, operations not mapped, descriptions missing.</summary>
    private static async Task<List<string>> UndescribedAsync(PictorFactory host, HttpClient client)
    {
        var document = await OpenApiDocument.FetchAsync(client);
        var mapped = MappedEndpoints(host);
        var described = document.Operations().Select(o => (o.Path, o.Method)).ToHashSet();
        var failures = mapped.Except(described).Select(e => $"{e.Method} {e.Path} is not in /openapi/v1.json")
            .Concat(described.Except(mapped).Select(e => $"{e.Method} {e.Path} is described but not mapped"))
            .ToList();
        foreach (var (path, method, operation) in document.Operations())
        {
            var name = $"{method} {path}";
            if (!operation.TryGetProperty("operationId", out var id) || string.IsNullOrWhiteSpace(id.GetString())) failures.Add($"{name}: no operationId (.WithName)");
            if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString())) failures.Add($"{name}: no summary (.WithSummary)");
            var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            if (!statuses.Any(s => s.StartsWith('2'))) failures.Add($"{name}: no success response (.Produces…)");
            // Only the static page and the metrics text cannot fail; everything else names its problems (.Problems(…)).
            if (path is not ("/" or "/metrics") && !statuses.Any(s => s[0] is '4' or '5')) failures.Add($"{name}: no problem response (.Problems)");
        }
        var ids = document.Operations().Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).OfType<string>().ToList();
        failures.AddRange(ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => $"operationId {g.Key} is used {g.Count()} times"));
        return failures;
    }

    /// <summary>Pictor with two more endpoints, as a change that forgot the description would add them.</summary>
    private sealed class ExtendedPictor : PictorFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ExtraEndpoints>());
        }

        private sealed class ExtraEndpoints : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.UseRouting();
                app.UseEndpoints(endpoints =>
                {
                    endpoints.MapGet("/undescribed", () => "no description");
                    endpoints.MapDelete("/hidden", () => TypedResults.NoContent()).ExcludeFromDescription();
                });
            };
        }
    }

    [Fact]
    public async Task Problem_responses_are_problem_details_with_the_service_s_problem_types_as_examples()
    {
        var document = await OpenApiDocument.FetchAsync(_client);
        var schema = document.Root.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails");
        var properties = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Superset(new HashSet<string> { "type", "title", "status", "detail", "requestId" }, properties.ToHashSet());

        var known = ProblemTypes.All.Select(t => t.Uri).ToHashSet();
        var seen = new HashSet<string>();
        var count = 0;
        foreach (var (path, method, operation) in document.Operations())
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var where = $"{method} {path} {response.Name}";
                if (method == "HEAD") continue; // no bodies
                var content = response.Value.GetProperty("content");
                Assert.True(content.TryGetProperty("application/problem+json", out var media), $"{where} is not application/problem+json");
                Assert.Equal("#/components/schemas/ProblemDetails", media.GetProperty("schema").GetProperty("$ref").GetString());
                var types = OpenApiDocument.ProblemTypes(operation, int.Parse(response.Name));
                Assert.True(types.Count > 0, $"{where} has no problem type example");
                foreach (var type in types) Assert.True(known.Contains(type), $"{where}: unknown problem type {type}");
                seen.UnionWith(types);
                count++;
            }
        }
        Assert.True(count > 20, $"only {count} problem responses");
        Assert.Empty(known.Except(seen).Select(t => $"{t} is in ProblemTypes but no operation documents it"));
    }

    [Theory]
    [InlineData("GetOriginal", "GET", "/original/no-such-one", null)]
    [InlineData("GetOriginal", "GET", "/original/bad.id", null)]
    [InlineData("ListOriginals", "GET", "/original?limit=abc", null)]
    [InlineData("ListOriginals", "GET", "/original?since=yesterday", null)]
    [InlineData("GetTransformed", "GET", "/derived/someone/w_10,w_20.jpg", null)]
    [InlineData("GetTransformed", "GET", "/derived/someone/c_squash.jpg", null)]
    [InlineData("GetTransformed", "GET", "/derived/someone/w_10.jpg?s=AAAA", null)]
    [InlineData("PurgeDerived", "DELETE", "/original/no-such-one/derived", null)]
    [InlineData("Stats", "GET", "/stats", "anonymous")]
    [InlineData("AdminSession", "GET", "/admin/session", "anonymous")]
    [InlineData("GetDerived", "GET", "/derived/x-0x10.jpg", null)]
    [InlineData("GetDerived", "GET", "/derived/x-10x10.bmp", null)]
    [InlineData("UploadOriginal", "POST", "/original/someone", "anonymous")]
    [InlineData("UploadOriginal", "POST", "/original/someone", null)]
    [InlineData("PatchOriginal", "PATCH", "/original/someone", null)]
    public async Task A_real_problem_answer_is_one_its_operation_documents(string operationId, string method, string url, string? anonymous)
    {
        var client = anonymous is null ? _client : factory.AnonymousClient();
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST") request.Content = new StringContent("not multipart", System.Text.Encoding.UTF8, "text/plain");
        if (method == "PATCH") request.Content = new StringContent("{\"focus\": 3}", System.Text.Encoding.UTF8, "text/plain");
        var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        Assert.InRange(status, 400, 499);
        var problem = await response.ProblemAsync(response.StatusCode);
        var document = await OpenApiDocument.FetchAsync(_client);
        Assert.Contains(problem.GetProperty("type").GetString(), OpenApiDocument.ProblemTypes(document.Operation(operationId), status));
    }

    [Fact]
    public void Every_problem_type_slug_thrown_in_the_source_is_in_the_catalogue()
    {
        var source = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "Pictor"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText);
        var slugs = source.SelectMany(text => SlugAtThrowSite().Matches(text).Select(m => m.Groups["slug"].Value)).ToHashSet();
        Assert.Contains("invalid-id", slugs); // the scan finds the throw sites
        Assert.Contains("not-found", slugs);
        Assert.True(slugs.Count >= 20, $"only {slugs.Count} slugs found: {string.Join(", ", slugs)}");
        var catalogue = ProblemTypes.All.Select(t => t.Slug).ToHashSet();
        Assert.Empty(slugs.Except(catalogue).Select(s => $"'{s}' is thrown but not in Pictor.Problems.ProblemTypes"));
    }

    /// <summary>
    /// <c>new(404, "not-found"</c>, <c>new ProblemException(415, "unsupported-media-type"</c>, <c>BadRequest("invalid-id"</c>, <c>Forbidden("size-not-allowed"</c>, <c>Invalid("invalid-focus"</c>.
    /// A helper whose first argument is not a slug has another name (OriginalFilter.BadParameter("tag", …)).
    /// </summary>
    [GeneratedRegex(@"(?:new(?:\s+ProblemException)?\(\s*\d{3},\s*|(?:BadRequest|Forbidden|Invalid)\(\s*)""(?<slug>[a-z]+(?:-[a-z]+)*)""")]
    private static partial Regex SlugAtThrowSite();

    [Fact]
    public async Task The_document_and_the_reference_page_are_served()
    {
        var response = await _client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString());
        Assert.Equal("Pictor", root.GetProperty("info").GetProperty("title").GetString());

        var page = await FollowAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html); // resolved against the base path the page computes
        // The reference's script is served by Pictor itself, not fetched from a CDN.
        var script = ScriptSource().Match(html);
        Assert.True(script.Success, html);
        var scriptUri = new Uri(new Uri(_client.BaseAddress!, page.RequestMessage!.RequestUri!.AbsolutePath), script.Groups["src"].Value);
        Assert.Equal(_client.BaseAddress!.Host, scriptUri.Host);
        var js = await _client.GetAsync(scriptUri.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.True((await js.Content.ReadAsByteArrayAsync()).Length > 100_000);
    }

    [GeneratedRegex("""<script[^>]*\ssrc="(?<src>[^"]+)""")]
    private static partial Regex ScriptSource();

    private async Task<HttpResponseMessage> FollowAsync(string path)
    {
        var response = await _client.GetAsync(path);
        for (var i = 0; i < 3 && (int)response.StatusCode is >= 300 and < 400; i++)
            response = await _client.GetAsync(response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : new Uri(new Uri("http://x" + path), response.Headers.Location).PathAndQuery);
        return response;
    }

    private static HashSet<(string Path, string Method)> MappedEndpoints(PictorFactory host)
    {
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints.SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["(any method)"])
                .Select(m => (Path: Normalise(e.RoutePattern.RawText ?? ""), Method: m.ToUpperInvariant())))
            .Where(e => !IsDocumentation(e.Path))
            .ToHashSet();
    }

    /// <summary>A route template as OpenAPI writes it: leading slash, no constraints, defaults or catch-all stars.</summary>
    private static string Normalise(string template) =>
        "/" + RouteParameter().Replace(template.Trim('/'), m => "{" + m.Groups["name"].Value + "}");

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
