using System.Net;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Docs;

/// <summary><c>Pictor:Docs:Enabled=false</c> takes the document and the reference away, and the home page says so.</summary>
public sealed class DocsSwitchTests : IDisposable
{
    private readonly PictorFactory _factory = new(new Dictionary<string, string?> { ["Pictor:Docs:Enabled"] = "false" });

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/docs")]
    [InlineData("/docs/")]
    public async Task Switched_off_the_documentation_is_404(string path) =>
        await (await _factory.Client().GetAsync(path)).ProblemAsync(HttpStatusCode.NotFound);

    [Fact]
    public async Task Switched_off_the_home_page_does_not_link_the_reference()
    {
        var html = await _factory.Client().GetStringAsync("/");
        Assert.DoesNotContain("href=\"/docs\"", html);
        Assert.Contains("Pictor:Docs:Enabled", html);
        Assert.Contains("href=\"/healthz\"", html);
    }

    public void Dispose() => _factory.Dispose();
}
