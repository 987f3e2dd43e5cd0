using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pictor.Bench.Contenders;

/// <summary>
/// <c>Pictor.Bench kestrel --file F --port P --path /x.jpg</c>: an ASP.NET Core minimal-API endpoint answering
/// one path with one file's bytes held in memory (a strong ETag, 304 on If-None-Match, nothing else). What Kestrel
/// itself can do on this machine: the limit for Pictor's cached hits and revalidations, as nginx is for static files.
/// </summary>
public static class BareKestrel
{
    public static int Run(string[] args)
    {
        var o = Options.Parse(args);
        var bytes = File.ReadAllBytes(o.Required("file"));
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{o.Required("port")}");
        var app = builder.Build();
        app.MapGet(o.Required("path"), (HttpContext context) =>
        {
            var response = context.Response;
            response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }
            response.ContentType = "image/jpeg";
            response.ContentLength = bytes.Length;
            return response.Body.WriteAsync(bytes).AsTask();
        });
        app.Run();
        return 0;
    }
}
