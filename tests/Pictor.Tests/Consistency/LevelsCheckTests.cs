using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Consistency;

/// <summary>
/// <c>pictor check</c> and levels: a lost level is reported (exit 1) and <c>--repair</c> makes it again from
/// the original, byte for byte as the upload did; an original without any (stored before levels existed) is
/// backfilled the same way, and derives use the new levels at once.
/// </summary>
public sealed class LevelsCheckTests : IDisposable
{
    private readonly TempFolder _root = new("pictor-levels");

    private Dictionary<string, string> Settings => new()
    {
        ["Pictor:DataDirectory"] = Path.Combine(_root.Path, "data"),
        ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
    };

    private string Blobs => Path.Combine(_root.Path, "data", "blobs");

    private List<string> LevelFiles() => Directory.Exists(Path.Combine(Blobs, "levels"))
        ? [.. Directory.EnumerateFiles(Path.Combine(Blobs, "levels"), "*", SearchOption.AllDirectories).Order()]
        : [];

    [Fact]
    public async Task Check_reports_missing_levels_and_repair_makes_them_again_from_the_original()
    {
        await using (var server = await PictorProcess.StartAsync(Settings))
        {
            using var client = server.Client();
            await client.UploadOkAsync("lost-one", Corpus.Bytes("wuffs/harvesters.jpeg")); // 1165×859: levels 1024, 724 and 512
            await client.UploadOkAsync("never-had", Corpus.Bytes("orientation/Landscape_6.jpg")); // 1800×1200: 1448, 1024, 724 and 512, upright
        }
        var files = LevelFiles();
        Assert.Equal(7, files.Count);
        var contents = files.Select(File.ReadAllBytes).ToList();
        var (clean, cleanReport) = await PictorCommand.RunAsync(Settings, "check");
        Assert.True(clean == 0, cleanReport);
        Assert.Contains("consistent: 2 originals, 0 derived, 9 blobs", cleanReport);

        // One level of one original lost; all of the other's, as if it had been stored before levels existed.
        var byOriginal = files.GroupBy(Path.GetDirectoryName).ToList(); // each original's levels share its shard folder
        Assert.Equal(2, byOriginal.Count);
        File.Delete(byOriginal[0].First());
        foreach (var f in byOriginal[1]) File.Delete(f);

        var (found, report) = await PictorCommand.RunAsync(Settings, "check");
        Assert.True(found == 1, report);
        Assert.Equal(1 + byOriginal[1].Count(), report.Split('\n').Count(l => l.StartsWith("missing-level: original '", StringComparison.Ordinal)));
        Assert.Contains("': level-1024 levels/", report);
        Assert.Equal(byOriginal[0].Count() - 1, LevelFiles().Count); // reporting changed nothing

        var (repaired, repairReport) = await PictorCommand.RunAsync(Settings, "check", "--repair");
        Assert.True(repaired == 0, repairReport);
        Assert.Equal(files, LevelFiles());
        Assert.Equal(contents, LevelFiles().Select(File.ReadAllBytes).ToList()); // as the upload made them
        var (after, afterReport) = await PictorCommand.RunAsync(Settings, "check");
        Assert.True(after == 0, afterReport);
        Assert.Contains("consistent: 2 originals, 0 derived, 9 blobs", afterReport);

        await using (var server = await PictorProcess.StartAsync(Settings))
        {
            using var client = server.Client();
            foreach (var id in new[] { "lost-one", "never-had" })
            {
                var response = await client.GetAsync($"/derived/{id}/w_300.jpg"); // 1.5× is 450 wide: level-512 still serves it
                response.EnsureSuccessStatusCode();
                Assert.Equal("level-512", response.Headers.GetValues("Pictor-Source").Single());
            }
        }
    }

    [Fact]
    public async Task A_derive_whose_level_is_missing_reads_the_next_larger_one_then_the_original()
    {
        await using var server = await PictorProcess.StartAsync(Settings);
        using var client = server.Client();
        await client.UploadOkAsync("gaps", Corpus.Bytes("wuffs/harvesters.jpeg")); // 1165×859: levels 1024, 724 and 512
        async Task<string> SourceOf(string path)
        {
            using var response = await client.GetAsync(path);
            response.EnsureSuccessStatusCode();
            return response.Headers.GetValues("Pictor-Source").Single();
        }

        // w_450 resizes to 450×332; 1.5× of that, 675×498, fits in level-724 (724×534).
        Assert.Equal("level-724", await SourceOf("/derived/gaps/w_450.jpg"));
        // As for an original stored before 724 was a level size (or whose 724 was lost): the next larger one serves.
        File.Delete(LevelFiles().Single(f => f.EndsWith("-724", StringComparison.Ordinal)));
        Assert.Equal("level-1024", await SourceOf("/derived/gaps/w_451.jpg"));
        File.Delete(LevelFiles().Single(f => f.EndsWith("-1024", StringComparison.Ordinal)));
        Assert.Equal("original", await SourceOf("/derived/gaps/w_452.jpg"));
        Assert.Equal("level-512", await SourceOf("/derived/gaps/w_300.jpg")); // still there, still read
    }

    public void Dispose() => _root.Dispose();
}
