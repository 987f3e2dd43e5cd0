using System.Text.RegularExpressions;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// Apache httpd (Debian's apache2) in front of the instances, running the site of deploy/apache as an
/// operator installs it: deploy/apache/pictor.conf unchanged but for its address and folders, and the
/// instances of pictor-balancer.conf on the test's ports. The main configuration is the test's own
/// (<c>apache2 -f</c>, <c>-DFOREGROUND</c>): the modules the site needs, everything in a temp folder.
/// </summary>
public static partial class ApacheServer
{
    private const string VirtualHost = "<VirtualHost *:80>";
    private const string CacheRoot = "/var/cache/apache2/mod_cache_disk";
    private const string CacheLockPath = "/var/lock/apache2/pictor-cache-lock";
    private const string Modules = "/usr/lib/apache2/modules";

    /// <summary>The modules deploy/apache/pictor.conf lists, and those Debian always loads.</summary>
    private static readonly string[] ModuleNames =
        ["mpm_event", "authz_core", "reqtimeout", "proxy", "proxy_http", "proxy_balancer", "lbmethod_byrequests", "lbmethod_bybusyness", "slotmem_shm", "cache", "cache_disk", "headers"];

    public static async Task<FrontEndServer> StartAsync(IReadOnlyList<int> instancePorts)
    {
        var apache = FrontEndServer.Binary("apache2", "PICTOR_APACHE", "/usr/sbin/apache2", "/usr/local/apache2/bin/httpd", "/usr/sbin/httpd");
        var site = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy", "apache", "pictor.conf"));
        foreach (var replaced in new[] { VirtualHost, CacheRoot, CacheLockPath })
            if (!site.Contains(replaced, StringComparison.Ordinal))
                throw new InvalidOperationException($"deploy/apache/pictor.conf no longer has '{replaced}', which the test replaces.");
        var balancer = ReplaceMembers(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy", "apache", "pictor-balancer.conf")), instancePorts);

        var folder = new TempFolder("pictor-apache");
        // Apache's children run as www-data when it is started as root: they write the cache and its locks.
        var cache = WritableByAll(Path.Combine(folder.Path, "cache"));
        var locks = WritableByAll(Path.Combine(folder.Path, "lock"));
        var loads = string.Join('\n', ModuleNames.Select(m => $"LoadModule {m}_module {Modules}/mod_{m}.so"));
        return await FrontEndServer.StartAsync("apache2", apache, folder, async port =>
        {
            await File.WriteAllTextAsync(Path.Combine(folder.Path, "pictor-balancer.conf"), balancer);
            await File.WriteAllTextAsync(Path.Combine(folder.Path, "pictor.conf"), site
                .Replace(VirtualHost, $"<VirtualHost 127.0.0.1:{port}>", StringComparison.Ordinal)
                .Replace(CacheRoot, cache, StringComparison.Ordinal)
                .Replace(CacheLockPath, Path.Combine(locks, "pictor"), StringComparison.Ordinal));
            await File.WriteAllTextAsync(Path.Combine(folder.Path, "apache2.conf"), $"""
                ServerRoot "{folder.Path}"
                PidFile "{folder.Path}/apache2.pid"
                DefaultRuntimeDir "{folder.Path}"
                ErrorLog "/dev/stderr"
                LogLevel warn
                ServerName 127.0.0.1
                Listen 127.0.0.1:{port}
                User www-data
                Group www-data
                {loads}
                Include "{folder.Path}/pictor-balancer.conf"
                Include "{folder.Path}/pictor.conf"
                """);
            return ["-f", Path.Combine(folder.Path, "apache2.conf"), "-DFOREGROUND"];
        }, ServerProcess.SigTerm);
    }

    /// <summary>The BalancerMember lines of the deployed file, each on the next of the test's ports.</summary>
    private static string ReplaceMembers(string balancer, IReadOnlyList<int> ports)
    {
        var members = MemberAddress().Matches(balancer);
        if (members.Count != ports.Count)
            throw new InvalidOperationException($"deploy/apache/pictor-balancer.conf has {members.Count} BalancerMember lines for the test's {ports.Count} instances.");
        var next = 0;
        return MemberAddress().Replace(balancer, m => $"{m.Groups[1].Value}{ports[next++]}");
    }

    private static string WritableByAll(string path)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
        return path;
    }

    [GeneratedRegex(@"(BalancerMember\s+""http://127\.0\.0\.1:)\d+")]
    private static partial Regex MemberAddress();
}
