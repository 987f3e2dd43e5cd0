using System.Net;
using Pictor.Bench.Contenders;

namespace Pictor.Bench.Running;

/// <summary>
/// The servers under test, started once for the whole run and seeded: ipx's folder holds the sources,
/// Pictor has the image for cached hits derived once, and nginx and the bare Kestrel endpoint serve those very bytes.
/// </summary>
public sealed class Stage : IAsyncDisposable
{
    private const string HitSize = "720x588";

    private Stage(PictorServer pictor, ServerProcess ipx, ServerProcess nginx, ServerProcess kestrel, string hitId)
    {
        Pictor = pictor;
        Ipx = ipx;
        Nginx = nginx;
        Kestrel = kestrel;
        PictorHitPath = $"/derived/{hitId}-{HitSize}.jpg";
        NginxHitPath = $"/{hitId}-{HitSize}.jpg";
    }

    public PictorServer Pictor { get; }

    public ServerProcess Ipx { get; }

    public ServerProcess Nginx { get; }

    public ServerProcess Kestrel { get; }

    public string PictorHitPath { get; }

    public string NginxHitPath { get; }

    public string PictorETag { get; private set; } = "";

    public string NginxETag { get; private set; } = "";

    public string KestrelETag { get; private set; } = "";

    /// <summary>A cheap request that shows ipx is up (it has no health endpoint).</summary>
    public string IpxHealthPath { get; private set; } = "";

    public static async Task<Stage> StartAsync(BenchPaths paths, IReadOnlyList<Source> sources, string workDirectory, IReadOnlyDictionary<string, string> pictorEnvironment)
    {
        var ipxFolder = Directory.CreateDirectory(Path.Combine(workDirectory, "ipx-sources")).FullName;
        foreach (var source in sources) File.Copy(source.Path, Path.Combine(ipxFolder, source.FileName));
        var staticFolder = Directory.CreateDirectory(Path.Combine(workDirectory, "static")).FullName;

        var pictor = await PictorServer.StartAsync(paths, workDirectory, pictorEnvironment);
        ServerProcess? ipx = null, nginx = null;
        try
        {
            var hitId = await pictor.UploadAsync(sources[0].Path, "hit");
            ipx = await IpxServer.StartAsync(paths, ipxFolder, sources[0].FileName);
            nginx = await StartNginxAsync(hitId);
            var hitFile = Path.Combine(staticFolder, $"{hitId}-{HitSize}.jpg");
            var kestrel = await KestrelServer.StartAsync(paths, hitFile, $"/{hitId}-{HitSize}.jpg");
            var stage = new Stage(pictor, ipx, nginx, kestrel, hitId) { IpxHealthPath = $"/s_16x16/{sources[0].FileName}" };
            try
            {
                stage.PictorETag = await pictor.Server.ETagAsync(stage.PictorHitPath);
                stage.NginxETag = await stage.Nginx.ETagAsync(stage.NginxHitPath);
                stage.KestrelETag = await stage.Kestrel.ETagAsync(stage.NginxHitPath);
                await ExpectNotModifiedAsync(pictor.Server, stage.PictorHitPath, stage.PictorETag);
                await ExpectNotModifiedAsync(stage.Nginx, stage.NginxHitPath, stage.NginxETag);
                await ExpectNotModifiedAsync(stage.Kestrel, stage.NginxHitPath, stage.KestrelETag);
                return stage;
            }
            catch
            {
                await stage.DisposeAsync();
                throw;
            }
        }
        catch
        {
            // Whatever started before the failure is stopped (stopping twice does nothing).
            await pictor.DisposeAsync();
            if (ipx is not null) await ipx.DisposeAsync();
            if (nginx is not null) await nginx.DisposeAsync();
            throw;
        }

        async Task<ServerProcess> StartNginxAsync(string hitId)
        {
            // nginx serves the bytes Pictor made, so both send exactly the same response body.
            var name = $"{hitId}-{HitSize}.jpg";
            await File.WriteAllBytesAsync(Path.Combine(staticFolder, name), await pictor.GetBytesAsync($"/derived/{name}"));
            return await NginxServer.StartAsync(paths, workDirectory, staticFolder, name);
        }
    }

    private static async Task ExpectNotModifiedAsync(ServerProcess server, string path, string etag)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + path);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.NotModified)
            throw new InvalidOperationException($"{server.Name} answered a revalidation of {path} with {(int)response.StatusCode}, not 304.");
    }

    public async ValueTask DisposeAsync()
    {
        await Pictor.DisposeAsync();
        await Ipx.DisposeAsync();
        await Nginx.DisposeAsync();
        await Kestrel.DisposeAsync();
    }
}
