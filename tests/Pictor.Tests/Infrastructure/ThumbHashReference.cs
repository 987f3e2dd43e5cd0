using System.Diagnostics;
using System.Text.Json;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// The reference ThumbHash decoder, npm <c>thumbhash</c> 0.1.1 run by node (tests/thumbhash-reference, installed by
/// scripts/install-test-deps.sh): what a front end would make of the placeholders Pictor hands out.
/// </summary>
public static class ThumbHashReference
{
    /// <summary>What the reference reads from one hash: approximate width / height, and the average colour (0…1).</summary>
    public sealed record Decoded(double AspectRatio, double R, double G, double B, double A);

    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "thumbhash-reference");

    public static async Task<IReadOnlyList<Decoded>> DecodeAsync(IReadOnlyList<string> hashes)
    {
        if (!File.Exists(Path.Combine(Folder, "node_modules", "thumbhash", "package.json")))
            throw new InvalidOperationException("npm thumbhash is not installed in tests/thumbhash-reference: run scripts/install-test-deps.sh");
        var start = new ProcessStartInfo("node", "decode.js")
        {
            WorkingDirectory = Folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        await node.StandardInput.WriteAsync(string.Join('\n', hashes) + "\n");
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(deadline.Token);
        if (node.ExitCode != 0) throw new InvalidOperationException($"node decode.js exited {node.ExitCode}: {await errors}");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<Decoded>(line, options)!).ToList();
    }
}
