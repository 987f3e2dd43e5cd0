using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// A web server of the test's own on 127.0.0.1 (a free port), standing for the sites upload by URL fetches from:
/// each path answers as the test says (bytes, a status, a redirect).
/// </summary>
public sealed class ImageOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ImageOrigin(WebApplication app, int port) => (_app, Port) = (app, port);

    public int Port { get; }

    /// <summary>The URL of <paramref name="path"/> on this origin, under <paramref name="host"/>.</summary>
    public string Url(string path, string host = "127.0.0.1") => $"http://{host}:{Port}{path}";

    public static async Task<ImageOrigin> StartAsync(Action<WebApplication> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        routes(app);
        await app.StartAsync();
        return new ImageOrigin(app, new Uri(app.Urls.First()).Port);
    }

    /// <summary>Answers with the bytes; without a Content-Length (chunked) when <paramref name="chunked"/>.</summary>
    public static Delegate Bytes(byte[] content, string contentType, bool chunked = false) => async (HttpContext http) =>
    {
        http.Response.ContentType = contentType;
        if (!chunked) http.Response.ContentLength = content.Length;
        await http.Response.Body.WriteAsync(content);
    };

    public static Delegate Redirect(Func<string> location) => (HttpContext http) => Results.Redirect(location());

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
