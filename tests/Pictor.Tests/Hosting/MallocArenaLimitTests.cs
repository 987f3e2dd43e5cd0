using System.Net;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Hosting;

/// <summary>
/// The built program limits glibc to two malloc arenas by re-executing itself once with
/// MALLOC_ARENA_MAX=2: the process that was started (same PID) must carry the variable and serve,
/// and an operator's own value must be left alone.
/// </summary>
public sealed class MallocArenaLimitTests : IDisposable
{
    private readonly TempFolder _root = new("pictor-arenas");

    [Fact]
    public async Task Started_without_the_variable_the_same_process_runs_with_two_arenas_and_serves()
    {
        var info = PictorProcess.StartInfo(Settings());
        info.Environment.Remove("MALLOC_ARENA_MAX");
        await using var server = await PictorProcess.StartAsync(info);

        Assert.False(server.HasExited);
        Assert.Equal("2", EnvironmentOf(server.ProcessId).GetValueOrDefault("MALLOC_ARENA_MAX"));
        Assert.Contains("Pictor.dll", await File.ReadAllTextAsync($"/proc/{server.ProcessId}/cmdline"));
        // Still named after the program that was started (ps, top), not after /proc/self/exe.
        Assert.Equal("dotnet", (await File.ReadAllTextAsync($"/proc/{server.ProcessId}/comm")).Trim());

        using var client = server.Client();
        await client.UploadOkAsync("arenas", Corpus.Bytes("wuffs/hippopotamus.jpeg"));
        using var derived = await client.GetAsync("/derived/arenas-64x48.jpg");
        Assert.Equal(HttpStatusCode.OK, derived.StatusCode);
        Assert.Equal((64, 48), Pixels.Size(await derived.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task An_operators_value_is_kept()
    {
        var info = PictorProcess.StartInfo(Settings());
        info.Environment["MALLOC_ARENA_MAX"] = "4";
        await using var server = await PictorProcess.StartAsync(info);

        Assert.Equal("4", EnvironmentOf(server.ProcessId).GetValueOrDefault("MALLOC_ARENA_MAX"));
        using var client = server.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["Pictor:DataDirectory"] = Path.Combine(_root.Path, "data"),
        ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
    };

    /// <summary>What the kernel says the process's environment is (execve replaces it; Environment would show ours).</summary>
    private static Dictionary<string, string> EnvironmentOf(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0])
            .ToDictionary(g => g.Key, g => g.Last()[1]);

    public void Dispose() => _root.Dispose();
}
