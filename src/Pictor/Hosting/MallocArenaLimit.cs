using System.Collections;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Pictor.Hosting;

/// <summary>
/// Starts the server with glibc's <c>MALLOC_ARENA_MAX=2</c> (what sharp recommends for libvips), unless
/// the operator set the variable: libvips' threads then share two malloc arenas instead of spreading
/// over up to 16 (8 per core), each holding freed pixel buffers of its own. Under the 12 MP cold load at
/// 8 connections (bench/) that lowered peak RSS from ~216 to ~198 MB at the same throughput.
/// <para>
/// glibc reads the variable once, before the runtime starts, and by the time managed code runs the
/// runtime's own threads have made arenas that <c>mallopt(M_ARENA_MAX)</c> can no longer take back (a
/// call from a module initializer changed nothing). So the process replaces itself, once, with the same
/// executable, arguments and environment plus the variable: <c>execve</c> keeps the PID, the open
/// standard streams and the parent, so supervisors, logs and <c>kill</c> see no difference.
/// </para>
/// </summary>
internal static partial class MallocArenaLimit
{
    private const string Variable = "MALLOC_ARENA_MAX";
    private const string Arenas = "2";

    /// <summary>Returns only if nothing needs doing or the re-execution could not happen.</summary>
    public static void Apply()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is not null) return;
        // Only as the program itself: not inside a test host or a tool that loaded this assembly, nor under a debugger.
        if (Assembly.GetEntryAssembly() != typeof(MallocArenaLimit).Assembly || Debugger.IsAttached) return;

        // The executable's own path, not /proc/self/exe: the kernel names the process after the file
        // executed, and ps, top and pgrep should go on seeing "dotnet" (or the apphost), not "exe".
        if (Environment.ProcessPath is not { Length: > 0 } executable) return;
        string[] arguments;
        try
        {
            arguments = File.ReadAllText("/proc/self/cmdline").TrimEnd('\0').Split('\0');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        if (arguments[0].Length == 0) return;

        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(e => $"{e.Key}={e.Value}")
            .Append($"{Variable}={Arenas}");
        _ = Execve(executable, [.. arguments, null], [.. environment, null]);
        // Still here: execve failed (a sandbox without /proc, say). Serve as we are.
    }

    [LibraryImport("libc", EntryPoint = "execve", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execve(string path, string?[] argv, string?[] envp);
}
