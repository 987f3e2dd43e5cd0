using System.Net;
using System.Text.RegularExpressions;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Docs;

/// <summary>A browser opening the service's address gets a page pointing onwards, not a JSON 404.</summary>
public sealed partial class HomePageTests(PictorFixture factory) : IClassFixture<PictorFixture>
{
    private readonly HttpClient _client = factory.AnonymousClient();

    [Fact]
    public async Task The_root_is_an_html_page_whose_links_all_answer()
    {
        var response = await _client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!doctype html>", html);

        var links = Link().Matches(html).Select(m => m.Groups["href"].Value).ToList();
        Assert.Equal(["/docs", "/openapi/v1.json", "/admin/", "/healthz", "/metrics"], links);
        foreach (var link in links)
        {
            var target = await _client.GetAsync(link);
            Assert.True((int)target.StatusCode is 200 or 301 or 302, $"{link} answered {(int)target.StatusCode}");
        }
    }

    [GeneratedRegex("""<a href="(?<href>[^"]+)">""")]
    private static partial Regex Link();
}
