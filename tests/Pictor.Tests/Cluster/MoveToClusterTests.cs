using System.Diagnostics;
using System.Security.Cryptography;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Cluster;

/// <summary>The README's way from the embedded default to cluster mode: scripts/copy-originals.sh between two real deployments.</summary>
public sealed class MoveToClusterTests
{
    [Fact]
    public async Task Copy_originals_moves_every_original_from_sqlite_and_files_to_postgres_and_s3()
    {
        using var embeddedData = new TempFolder("pictor-embedded");
        await using var embedded = await PictorProcess.StartAsync(new Dictionary<string, string>
        {
            ["Pictor:DataDirectory"] = embeddedData.Path,
            ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
        });
        await using var cluster = await PictorCluster.StartAsync(1);
        var (from, to) = (embedded.Client(), cluster.Instances[0].Client());
        var files = new[] { "wuffs/hat.png", "wuffs/hippopotamus.jpeg", "wuffs/harvesters.lossy.webp", "wuffs/animated-red-blue.gif" };
        foreach (var (file, i) in files.Select((f, i) => (f, i))) await from.UploadOkAsync($"img-{i}", Corpus.Bytes(file));

        var script = new ProcessStartInfo(Path.Combine(RepoPaths.Root, "scripts", "copy-originals.sh"), [from.BaseAddress!.ToString(), to.BaseAddress!.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        script.Environment["PICTOR_API_KEY"] = PictorFactory.ApiKey;
        script.Environment["PAGE_SIZE"] = "3"; // two pages
        using var run = Process.Start(script)!;
        var output = await run.StandardOutput.ReadToEndAsync() + await run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        Assert.True(run.ExitCode == 0, output);
        Assert.Contains($"{files.Length} originals copied", output);

        foreach (var (file, i) in files.Select((f, i) => (f, i)))
        {
            Assert.Equal(SHA256.HashData(Corpus.Bytes(file)), SHA256.HashData(await to.GetByteArrayAsync($"/original/img-{i}")));
            Assert.Equal((64, 48), Pixels.Size(await to.GetByteArrayAsync($"/derived/img-{i}-64x48.jpg")));
        }
        var keys = await cluster.Stores.KeysAsync();
        Assert.Equal(files.Length, keys.Count(k => k.StartsWith("originals/", StringComparison.Ordinal)));
        // Levels come along: the copy uploads, and an upload makes them (the 1165×859 WebP: 1024, 724 and 512).
        Assert.Equal(3, keys.Count(k => k.StartsWith("levels/", StringComparison.Ordinal)));
    }
}
