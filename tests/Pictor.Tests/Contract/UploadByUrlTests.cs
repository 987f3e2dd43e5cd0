using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

/// <summary>
/// Upload by URL: <c>POST /original/{id}</c> with <c>{"url": …}</c> fetches from hosts in <c>Pictor:Fetch:AllowedHosts</c>,
/// from a loopback origin only when it is listed by name, never through a redirect to a host that is not allowed;
/// failed fetches are 422, URLs not allowed 400, and the fetched bytes go through the upload's own checks.
/// </summary>
public abstract class UploadByUrlTests<TBackend>(TBackend backend) : IClassFixture<TBackend>, IAsyncLifetime where TBackend : PictorFactory
{
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");
    private static readonly byte[] Big = Corpus.Bytes("bench/harvesters-2725x2225.jpg");
    private ImageOrigin _origin = null!;

    public async Task InitializeAsync() => _origin = await ImageOrigin.StartAsync(app =>
    {
        app.MapGet("/hippo.jpeg", ImageOrigin.Bytes(Jpeg, "image/jpeg"));
        app.MapGet("/big.jpg", ImageOrigin.Bytes(Big, "image/jpeg"));
        app.MapGet("/big-chunked.jpg", ImageOrigin.Bytes(Big, "image/jpeg", chunked: true));
        app.MapGet("/text", ImageOrigin.Bytes("not an image at all"u8.ToArray(), "image/jpeg"));
        app.MapGet("/missing", () => Results.NotFound());
        app.MapGet("/same-host", ImageOrigin.Redirect(() => "/hippo.jpeg"));
        app.MapGet("/to-localhost", ImageOrigin.Redirect(() => _origin.Url("/hippo.jpeg", "localhost")));
        app.MapGet("/loop/{n:int}", (int n) => Results.Redirect($"/loop/{n + 1}"));
    });

    public async Task DisposeAsync() => await _origin.DisposeAsync();

    private Task<PictorFactory> AllowingAsync(params string[] hosts)
    {
        var settings = new Dictionary<string, string?> { ["Pictor:Limits:MaxUploadBytes"] = "200000" };
        for (var i = 0; i < hosts.Length; i++) settings[$"Pictor:Fetch:AllowedHosts:{i}"] = hosts[i];
        return backend.NewAsync(settings);
    }

    private static Task<HttpResponseMessage> FetchAsync(HttpClient client, string id, string url) =>
        client.PostAsJsonAsync($"/original/{id}", new { url });

    [Fact]
    public async Task An_image_from_a_loopback_origin_listed_by_name_is_uploaded()
    {
        await using var factory = await AllowingAsync($"127.0.0.1:{_origin.Port}");
        var client = factory.Client();
        var response = await FetchAsync(client, "fetched", _origin.Url("/hippo.jpeg"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var metadata = await response.JsonAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Jpeg)), metadata.GetProperty("sha256").GetString());
        Assert.False(string.IsNullOrEmpty(metadata.GetProperty("placeholder").GetString()));
        Assert.Equal(Jpeg, await client.GetByteArrayAsync("/original/fetched"));

        // A redirect within the allowed host is followed; a second POST of the ID is 409 as for any upload.
        Assert.Equal(HttpStatusCode.Created, (await FetchAsync(client, "redirected", _origin.Url("/same-host"))).StatusCode);
        await (await FetchAsync(client, "fetched", _origin.Url("/hippo.jpeg"))).ProblemAsync(HttpStatusCode.Conflict);
        // Writes need a key, by URL too.
        await (await FetchAsync(factory.AnonymousClient(), "anonymous", _origin.Url("/hippo.jpeg"))).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Urls_that_are_not_allowed_are_400()
    {
        // Off unless hosts are listed.
        var off = await (await FetchAsync(backend.Client(), "off", _origin.Url("/hippo.jpeg"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.EndsWith("/url-not-allowed", off.GetProperty("type").GetString());
        Assert.Contains("AllowedHosts", off.GetProperty("detail").GetString());

        await using var factory = await AllowingAsync($"127.0.0.1:{_origin.Port + 1}", "*");
        var client = factory.Client();
        // Any host (*) means public addresses only: a loopback literal, and a name resolving to loopback, are refused.
        foreach (var url in new[] { _origin.Url("/hippo.jpeg"), _origin.Url("/hippo.jpeg", "localhost"), $"ftp://127.0.0.1:{_origin.Port}/hippo.jpeg" })
        {
            var problem = await (await FetchAsync(client, "refused", url)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.EndsWith("/url-not-allowed", problem.GetProperty("type").GetString());
        }
        var loopback = await (await FetchAsync(client, "refused", _origin.Url("/hippo.jpeg", "localhost"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("internal address", loopback.GetProperty("detail").GetString());
        await (await FetchAsync(client, "bad-body", "not a url")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostAsJsonAsync("/original/bad-body", new { uri = _origin.Url("/hippo.jpeg") })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/original/refused")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_redirect_from_an_allowed_host_into_one_that_is_not_is_400()
    {
        // The origin is listed by name as 127.0.0.1; its redirect names localhost, allowed only as any host (*), so on public addresses only.
        await using var factory = await AllowingAsync($"127.0.0.1:{_origin.Port}", "*");
        var problem = await (await FetchAsync(factory.Client(), "redirected", _origin.Url("/to-localhost"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("localhost", problem.GetProperty("detail").GetString());

        await using var listedOnly = await AllowingAsync($"127.0.0.1:{_origin.Port}");
        var notListed = await (await FetchAsync(listedOnly.Client(), "redirected", _origin.Url("/to-localhost"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not in Pictor:Fetch:AllowedHosts", notListed.GetProperty("detail").GetString());
        await (await listedOnly.Client().GetAsync("/original/redirected")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Failed_fetches_are_422_naming_the_cause_and_fetched_bytes_are_checked_as_uploads()
    {
        await using var factory = await AllowingAsync($"127.0.0.1:{_origin.Port}");
        var client = factory.Client();
        async Task<string> FailedAsync(string path)
        {
            var problem = await (await FetchAsync(client, "failed", _origin.Url(path))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.EndsWith("/fetch-failed", problem.GetProperty("type").GetString());
            return problem.GetProperty("detail").GetString()!;
        }
        Assert.Contains("404", await FailedAsync("/missing"));
        Assert.Contains("MaxUploadBytes", await FailedAsync("/big.jpg"));
        Assert.Contains("MaxUploadBytes", await FailedAsync("/big-chunked.jpg"));
        Assert.Contains("more than 3", await FailedAsync("/loop/0"));
        await (await FetchAsync(client, "failed", _origin.Url("/text"))).ProblemAsync(HttpStatusCode.BadRequest); // unsupported-format, as an upload
        await (await client.GetAsync("/original/failed")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
