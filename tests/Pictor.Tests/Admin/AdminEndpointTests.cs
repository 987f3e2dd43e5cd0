using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Admin;

/// <summary>What /admin answers over HTTP: its files with a policy of their own, the key check of the login form, the switch.</summary>
public sealed class AdminEndpointTests
{
    [Fact]
    public async Task The_page_and_its_modules_are_served_with_their_own_content_security_policy()
    {
        using var factory = new PictorFactory();
        using var client = factory.AnonymousClient();

        using var redirect = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/admin/", redirect.Headers.Location?.OriginalString);

        using var page = await client.GetAsync("/admin/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("img-src 'self' blob: data:", csp);
        Assert.DoesNotContain("unsafe", csp);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"/admin/app.js\"></script>", html);

        foreach (var module in new[] { "app.js", "api.js", "dom.js", "grid.js", "upload.js", "image.js", "builder.js", "focus.js" })
        {
            using var js = await client.GetAsync($"/admin/{module}");
            Assert.Equal(HttpStatusCode.OK, js.StatusCode);
            Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
            Assert.Equal(csp, js.Headers.GetValues("Content-Security-Policy").Single());
        }

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/admin/"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(csp, head.Headers.GetValues("Content-Security-Policy").Single());

        // Revalidation by ETag; unknown names are a problem 404.
        var etag = page.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/admin/");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        using var missing = await client.GetAsync("/admin/nothing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_session_check_names_the_scope_and_refuses_a_wrong_key_without_a_browser_challenge()
    {
        using var factory = new PictorFactory(new Dictionary<string, string?>
        {
            ["Pictor:Keys:0:Key"] = "reader-key-0123456789",
            ["Pictor:Keys:0:Scope"] = "read",
        });
        using var client = factory.AnonymousClient();

        Assert.Equal("admin", await ScopeAsync(client, PictorFactory.ApiKey));
        Assert.Equal("read", await ScopeAsync(client, "reader-key-0123456789"));

        foreach (var key in new[] { "wrong-key", null })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/session");
            if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var refused = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Empty(refused.Headers.WwwAuthenticate);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        // The API itself still challenges.
        using var write = await client.DeleteAsync("/original/anything");
        Assert.NotEmpty(write.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task Switched_off_there_is_no_admin_ui()
    {
        using var factory = new PictorFactory(new Dictionary<string, string?> { ["Pictor:Admin:Enabled"] = "false" });
        using var client = factory.AnonymousClient();
        foreach (var path in new[] { "/admin", "/admin/", "/admin/app.js", "/admin/session" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    private static async Task<string> ScopeAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/session");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("scope").GetString()!;
    }
}
