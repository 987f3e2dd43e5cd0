using Pictor.Bench.Running;

namespace Pictor.Bench.Contenders;

/// <summary>
/// nginx (Debian) serving a folder of files already derived, configured as for static files in production
/// (sendfile, no access log, long keep-alive): the limit for cached hits. <c>/upload/</c> takes WebDAV PUTs,
/// the limit for storing uploads without looking at them.
/// </summary>
public static class NginxServer
{
    public static async Task<ServerProcess> StartAsync(BenchPaths paths, string workDirectory, string staticFolder, string probeFile)
    {
        var prefix = Directory.CreateDirectory(Path.Combine(workDirectory, "nginx")).FullName;
        Directory.CreateDirectory(Path.Combine(prefix, "upload"));
        Directory.CreateDirectory(Path.Combine(prefix, "body"));
        var port = ServerProcess.FreePort();
        var config = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(config, $$"""
            daemon off;
            master_process on;
            worker_processes auto;
            user root;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                sendfile on;
                tcp_nopush on;
                tcp_nodelay on;
                keepalive_requests 1000000;
                keepalive_timeout 65;
                types { image/jpeg jpg; }
                default_type application/octet-stream;
                client_body_temp_path {{prefix}}/body;
                proxy_temp_path {{prefix}}/body;
                fastcgi_temp_path {{prefix}}/body;
                uwsgi_temp_path {{prefix}}/body;
                scgi_temp_path {{prefix}}/body;
                server {
                    listen 127.0.0.1:{{port}};
                    root {{staticFolder}};
                    location /upload/ {
                        root {{prefix}};
                        dav_methods PUT;
                        client_max_body_size 64m;
                        client_body_buffer_size 1m;
                    }
                }
            }
            """);
        var server = ServerProcess.Start(ContenderNames.Nginx, port, "nginx", ["-p", prefix, "-c", config, "-e", Path.Combine(prefix, "error.log")],
            prefix, new Dictionary<string, string>(), Path.Combine(paths.Logs, "nginx.log"));
        await server.WaitReadyAsync($"/{probeFile}", TimeSpan.FromSeconds(30));
        return server;
    }
}
