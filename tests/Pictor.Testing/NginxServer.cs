namespace Pictor.Tests.Infrastructure;

/// <summary>
/// nginx (Debian's package) in front of the instances, running the configuration of deploy/nginx as an
/// operator installs it; only the listen address, the cache folder and the list of instances are the
/// test's own. Everything lives in a temp folder (<c>-p</c>, <c>daemon off</c>).
/// </summary>
public static class NginxServer
{
    private const string ListenLine = "listen 80;";
    private const string CachePath = "/var/cache/nginx/pictor";

    public static async Task<FrontEndServer> StartAsync(IEnumerable<int> instancePorts)
    {
        var nginx = FrontEndServer.Binary("nginx", "PICTOR_NGINX", "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx");
        var deployed = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy", "nginx", "pictor.conf"));
        if (!deployed.Contains(ListenLine, StringComparison.Ordinal) || !deployed.Contains(CachePath, StringComparison.Ordinal))
            throw new InvalidOperationException($"deploy/nginx/pictor.conf no longer has '{ListenLine}' and '{CachePath}', which the test replaces.");
        var upstream = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy", "nginx", "pictor-upstream.conf"));
        var servers = string.Concat(instancePorts.Select(p => $"    server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;\n"));

        var folder = new TempFolder("pictor-nginx");
        return await FrontEndServer.StartAsync("nginx", nginx, folder, async port =>
        {
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
            return ["-p", folder.Path, "-c", Path.Combine(folder.Path, "nginx.conf"), "-e", "stderr", "-g", "daemon off;"];
        }, ServerProcess.SigQuit);
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
}
