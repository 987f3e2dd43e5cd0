using System.Globalization;

namespace Pictor.Bench.Measuring;

/// <summary>
/// CPU time and peak memory of a server, read from /proc: the process and its children (nginx's
/// workers), so every contender is measured the same way whatever its process model.
/// </summary>
public static class ProcessStats
{
    /// <summary>USER_HZ: the unit of utime/stime in /proc/*/stat on every Linux architecture we run on.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>User + system CPU seconds used so far by the process tree.</summary>
    public static double CpuSeconds(int pid) => Tree(pid).Sum(p => Stat(p) is { } s ? (s.Utime + s.Stime) / TicksPerSecond : 0);

    /// <summary>Sum of the tree's peak resident set sizes (VmHWM) since start or the last <see cref="ResetPeak"/>.</summary>
    public static long PeakRssKb(int pid) => Tree(pid).Sum(p => StatusKb(p, "VmHWM:"));

    public static long RssKb(int pid) => Tree(pid).Sum(p => StatusKb(p, "VmRSS:"));

    /// <summary>Sets VmHWM back to the current RSS (clear_refs 5), so the next peak is this phase's.</summary>
    public static void ResetPeak(int pid)
    {
        foreach (var p in Tree(pid))
        {
            try { File.WriteAllText($"/proc/{p}/clear_refs", "5"); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && Stat(pid) is { State: not 'Z' };

    private static IEnumerable<int> Tree(int root)
    {
        var all = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0)
            .Where(p => p > 0)
            .Select(p => (Pid: p, Stat: Stat(p)))
            .Where(x => x.Stat is not null)
            .ToList();
        var inTree = new HashSet<int> { root };
        bool added;
        do
        {
            added = false;
            foreach (var (p, s) in all)
                if (!inTree.Contains(p) && inTree.Contains(s!.Value.Ppid)) added |= inTree.Add(p);
        } while (added);
        return inTree;
    }

    private readonly record struct ProcStat(char State, int Ppid, long Utime, long Stime);

    private static ProcStat? Stat(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // The command name is in parentheses and may hold spaces: the fields start after the last ')'.
        var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcStat(f[0][0], int.Parse(f[1], CultureInfo.InvariantCulture),
            long.Parse(f[11], CultureInfo.InvariantCulture), long.Parse(f[12], CultureInfo.InvariantCulture));
    }

    private static long StatusKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }
}
