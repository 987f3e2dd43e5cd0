namespace Pictor.Tests.Infrastructure;

/// <summary>
/// Servers outlive a test host that is killed (a CI timeout, a debugger stop). Each server folder names
/// the test host that owns it; the next run stops the servers of owners that are gone and removes their folders.
/// </summary>
public static class AbandonedServers
{
    private const string OwnerFile = "owner.pid";

    public static void MarkOwned(string folder) =>
        File.WriteAllText(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString());

    public static void Reap(string prefix, Func<string, int?> serverPid)
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), prefix + "-*"))
        {
            try
            {
                var ownerFile = Path.Combine(folder, OwnerFile);
                if (!File.Exists(ownerFile) || !int.TryParse(File.ReadAllText(ownerFile), out var owner) || IsAlive(owner)) continue;
                if (serverPid(folder) is { } pid && IsAlive(pid))
                {
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // best effort: another run may be reaping it at the same moment
            }
        }
    }

    /// <summary>The process ID in a server's PID file (its first line), or null.</summary>
    public static int? ReadPid(string pidFile)
    {
        try
        {
            return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) ? pid : null;
        }
        catch (IOException) { return null; }
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");
}
