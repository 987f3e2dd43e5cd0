using System.Net;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Consistency;

/// <summary>
/// The operator's <c>pictor check [--repair]</c>, run as the built program on a real data directory:
/// it finds a blob nothing references, records whose blob is gone and a dead instance's temp file, says
/// so with exit code 1 and changes nothing; with --repair it fixes them and exits 0, and the service
/// then serves what is intact, regenerates what it can and answers 404 for what is lost.
/// </summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly TempFolder _root = new("pictor-check");
    private static readonly byte[] Keep = Corpus.Bytes("wuffs/hippopotamus.jpeg");
    private static readonly byte[] Lose = Corpus.Bytes("wuffs/hat.png");

    private ProgramDataDirectory Data => new(_root.Path);

    private Dictionary<string, string> Settings => Data.Settings;

    private string Blobs => Data.Blobs;

    [Fact]
    public async Task Check_reports_what_disagrees_with_exit_code_1_and_repair_fixes_it()
    {
        await using (var server = await PictorProcess.StartAsync(Settings))
        {
            using var client = server.Client();
            await client.UploadOkAsync("keep", Keep);
            await client.UploadOkAsync("lose", Lose);
            await client.GetByteArrayAsync("/derived/keep-40x30.png");
            await client.GetByteArrayAsync("/derived/lose-40x30.png");
        }
        var (clean, cleanReport) = await PictorCommand.RunAsync(Settings, "check");
        Assert.True(clean == 0, cleanReport);
        Assert.Contains("consistent: 2 originals, 2 derived, 4 blobs", cleanReport);

        // Break it as a disk fault or a careless operator would.
        var orphan = "originals/ab/cd/abcd" + new string('0', 60) + "/0123456789abcdef";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Blobs, orphan))!);
        await File.WriteAllBytesAsync(Path.Combine(Blobs, orphan), Keep);
        var lostOriginal = StorageKey("SELECT StorageKey FROM originals WHERE Id = 'lose'");
        var lostDerived = StorageKey("SELECT StorageKey FROM derived WHERE OriginalId = 'keep'");
        File.Delete(Path.Combine(Blobs, lostOriginal));
        File.Delete(Path.Combine(Blobs, lostDerived));
        var deadTemp = Path.Combine(_root.Path, "data", "tmp", "4242-0123456789abcdef");
        Directory.CreateDirectory(deadTemp);
        await File.WriteAllBytesAsync(Path.Combine(deadTemp, "half.upload"), Keep[..100]);
        await File.WriteAllTextAsync(Path.Combine(deadTemp, ".lock"), "");

        var (found, report) = await PictorCommand.RunAsync(Settings, "check");
        Assert.True(found == 1, report);
        Assert.Contains($"unreferenced-blob: {orphan}", report);
        Assert.Contains($"missing-original-blob: original 'lose': {lostOriginal}", report);
        Assert.Contains($"missing-derived-blob: derived 'keep-40x30.png': {lostDerived}", report);
        Assert.Contains("abandoned-temp-file: ", report);
        Assert.True(File.Exists(Path.Combine(Blobs, orphan)) && File.Exists(Path.Combine(deadTemp, "half.upload")), "check without --repair changed something");
        Assert.Equal((found, report), await PictorCommand.RunAsync(Settings, "check")); // and says the same again

        var (repaired, repairReport) = await PictorCommand.RunAsync(Settings, "check", "--repair");
        Assert.True(repaired == 0, repairReport);
        Assert.Contains("found and repaired", repairReport);
        var (after, afterReport) = await PictorCommand.RunAsync(Settings, "check");
        Assert.True(after == 0, afterReport);
        Assert.Contains("consistent: 1 originals, 0 derived, 1 blobs", afterReport); // keep, without its lost derived image
        Assert.False(File.Exists(Path.Combine(Blobs, orphan)));
        Assert.False(Directory.Exists(deadTemp));

        await using (var server = await PictorProcess.StartAsync(Settings))
        {
            using var client = server.Client();
            Assert.Equal(Keep, await client.GetByteArrayAsync("/original/keep"));
            Assert.Equal((40, 30), Pixels.Size(await client.GetByteArrayAsync("/derived/keep-40x30.png"))); // made again
            await (await client.GetAsync("/original/lose")).ProblemAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync("/derived/lose-40x30.png")).ProblemAsync(HttpStatusCode.NotFound);
        }
    }

    private string StorageKey(string sql) => Data.Scalar(sql);

    public void Dispose() => _root.Dispose();
}
