using System.Net.Http.Headers;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// nginx (Debian's package) as a child process on a free loopback port, running the configuration of
/// deploy/nginx as an operator installs it; only the listen address, the cache folder and the list of
/// instances are the test's own. Everything lives in a temp folder (<c>-p</c>, <c>daemon off</c>).
/// </summary>
public sealed class NginxServer : IDisposable
{
    private const string ListenLine = "listen 80;";
    private const string CachePath = "/var/cache/nginx/pictor";
    private readonly TempFolder _folder;
    private readonly ServerProcess _server;

    private NginxServer(TempFolder folder, ServerProcess server, int port)
    {
        _folder = folder;
        _server = server;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    public string Log => _server.Output;

    public static async Task<NginxServer> StartAsync(IEnumerable<int> instancePorts)
    {
        var nginx = Binary();
        var folder = new TempFolder("pictor-nginx");
        try
        {
            var deployed = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy", "nginx", "pictor.conf"));
            if (!deployed.Contains(ListenLine, StringComparison.Ordinal) || !deployed.Contains(CachePath, StringComparison.Ordinal))
                throw new InvalidOperationException($"deploy/nginx/pictor.conf no longer has '{ListenLine}' and '{CachePath}', which the test replaces.");
            var upstream = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy", "nginx", "pictor-upstream.conf"));
            var servers = string.Concat(instancePorts.Select(p => $"    server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;\n"));

            for (var attempt = 1; ; attempt++)
            {
                var port = PictorProcess.FreePort();
                await File.WriteAllTextAsync(Path.Combine(folder.Path, "pictor.conf"), deployed
                    .Replace(ListenLine, $"listen 127.0.0.1:{port};", StringComparison.Ordinal)
                    .Replace(CachePath, Path.Combine(folder.Path, "cache"), StringComparison.Ordinal));
                await File.WriteAllTextAsync(Path.Combine(folder.Path, "pictor-upstream.conf"), ReplaceServers(upstream, servers));
                await File.WriteAllTextAsync(Path.Combine(folder.Path, "nginx.conf"), $$"""
                    worker_processes 1;
                    pid {{folder.Path}}/nginx.pid;
                    error_log stderr warn;
                    events { worker_connections 1024; }
                    http {
                        access_log off;
                        client_body_temp_path {{folder.Path}}/client_body;
                        proxy_temp_path {{folder.Path}}/proxy;
                        fastcgi_temp_path {{folder.Path}}/fastcgi;
                        uwsgi_temp_path {{folder.Path}}/uwsgi;
                        scgi_temp_path {{folder.Path}}/scgi;
                        include {{folder.Path}}/pictor-upstream.conf;
                        include {{folder.Path}}/pictor.conf;
                    }
                    """);
                var server = ServerProcess.Start("nginx", nginx, ["-p", folder.Path, "-c", Path.Combine(folder.Path, "nginx.conf"), "-e", "stderr", "-g", "daemon off;"]);
                server.StopWhenTestHostDies(ServerProcess.SigQuit, folder.Path);
                var instance = new NginxServer(folder, server, port);
                try
                {
                    await Healthz.WaitAsync("nginx", instance.BaseAddress, () => server.HasExited ? "exited" : null, () => server.Output, TimeSpan.FromSeconds(30));
                    return instance;
                }
                catch (InvalidOperationException) when (attempt < 5 && server.Output.Contains("Address already in use", StringComparison.Ordinal))
                {
                    server.Dispose();
                }
                catch
                {
                    server.Dispose();
                    throw;
                }
            }
        }
        catch (Exception e)
        {
            folder.Dispose();
            throw new InvalidOperationException($"nginx could not be started for the tests (scripts/install-test-deps.sh installs Debian's nginx): {e.Message}", e);
        }
    }

    public HttpClient Client(string? apiKey = PictorFactory.ApiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(150) };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public void Dispose()
    {
        _server.Stop(ServerProcess.SigQuit, TimeSpan.FromSeconds(10)); // graceful shutdown
        _folder.Dispose();
        _server.Dispose();
    }

    private static string ReplaceServers(string upstream, string servers)
    {
        var lines = upstream.Split('\n');
        var kept = lines.Where(l => !l.TrimStart().StartsWith("server ", StringComparison.Ordinal)).ToList();
        var at = kept.FindIndex(l => l.TrimStart().StartsWith("keepalive", StringComparison.Ordinal));
        if (at < 0) throw new InvalidOperationException("deploy/nginx/pictor-upstream.conf has no keepalive line to put the test's servers before.");
        kept.Insert(at, servers.TrimEnd('\n'));
        return string.Join('\n', kept);
    }

    private static string Binary()
    {
        if (Environment.GetEnvironmentVariable("PICTOR_NGINX") is { Length: > 0 } configured) return configured;
        foreach (var candidate in new[] { "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx" })
            if (File.Exists(candidate)) return candidate;
        throw new InvalidOperationException("nginx not found (/usr/sbin/nginx): install Debian's nginx package (scripts/install-test-deps.sh) or set PICTOR_NGINX.");
    }
}
