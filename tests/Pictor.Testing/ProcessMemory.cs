using System.Globalization;

namespace Pictor.Tests.Hostile;

/// <summary>Resident memory of a process from /proc (Linux): what the kernel gives it, not what the GC says.</summary>
public static class ProcessMemory
{
    public static long Resident(int pid) => Read(pid, "VmRSS:");

    /// <summary>The highest resident size since start or since the last <see cref="ResetPeak"/>.</summary>
    public static long PeakResident(int pid) => Read(pid, "VmHWM:");

    /// <summary>Resets the peak to the current resident size (writing 5 to clear_refs, Linux ≥ 4.0).</summary>
    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    public static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private static long Read(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            var kilobytes = line[field.Length..].Trim().Split(' ')[0];
            return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
        }
        throw new InvalidOperationException($"/proc/{pid}/status has no {field}");
    }
}
