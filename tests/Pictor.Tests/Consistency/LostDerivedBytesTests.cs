using System.Net;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Consistency;

/// <summary>
/// A derived image's bytes are not fsynced (a cache, made again identical from its original), so a power cut can
/// leave its committed record pointing at bytes that never reached the disk: gone, or cut short. Made here as such a
/// cut leaves them, on the real program's data directory. <c>pictor check</c> reports both; a request for either,
/// without any repair, gets the image made again, identical, and later requests are served from the new bytes.
/// </summary>
public sealed class LostDerivedBytesTests : IDisposable
{
    private readonly TempFolder _root = new("pictor-lost-derived");
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");

    private ProgramDataDirectory Data => new(_root.Path);

    private Dictionary<string, string> Settings => Data.Settings;

    [Fact]
    public async Task Derived_bytes_lost_or_cut_short_are_reported_by_check_and_made_again_on_request()
    {
        byte[] cut, gone;
        await using (var server = await PictorProcess.StartAsync(Settings))
        {
            using var client = server.Client();
            await client.UploadOkAsync("pic", Jpeg);
            cut = await client.GetByteArrayAsync("/derived/pic-40x30.jpg");
            gone = await client.GetByteArrayAsync("/derived/pic-30x20.png");
        }
        var cutKey = StorageKey("SELECT StorageKey FROM derived WHERE Format <> 'png'");
        var goneKey = StorageKey("SELECT StorageKey FROM derived WHERE Format = 'png'");
        await File.WriteAllBytesAsync(BlobPath(cutKey), cut[..(cut.Length / 2)]);
        File.Delete(BlobPath(goneKey));

        var (found, report) = await PictorCommand.RunAsync(Settings, "check");
        Assert.True(found == 1, report);
        Assert.Contains($"missing-derived-blob: derived 'pic-40x30.jpg': {cutKey} (cut short: {cut.Length / 2} of {cut.Length} bytes)", report);
        Assert.Contains($"missing-derived-blob: derived 'pic-30x20.png': {goneKey}", report);

        await using (var server = await PictorProcess.StartAsync(Settings))
        {
            using var client = server.Client();
            for (var i = 0; i < 3; i++) // made again, then served stored, then from memory
            {
                foreach (var (path, bytes) in new[] { ("/derived/pic-40x30.jpg", cut), ("/derived/pic-30x20.png", gone) })
                {
                    var response = await client.GetAsync(path);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
                }
            }
            Assert.Equal(2, await client.GeneratedAsync());
        }
        Assert.False(File.Exists(BlobPath(cutKey)), "what was left of the lost bytes stayed");
        var (after, afterReport) = await PictorCommand.RunAsync(Settings, "check");
        Assert.True(after == 0, afterReport);
        Assert.Contains("consistent: 1 originals, 2 derived, 3 blobs", afterReport);
    }

    [Fact]
    public async Task Check_repair_drops_the_record_of_bytes_cut_short_and_what_is_left_of_them()
    {
        byte[] cut;
        await using (var server = await PictorProcess.StartAsync(Settings))
        {
            using var client = server.Client();
            await client.UploadOkAsync("pic", Jpeg);
            cut = await client.GetByteArrayAsync("/derived/pic-40x30.jpg");
        }
        var cutKey = StorageKey("SELECT StorageKey FROM derived");
        await File.WriteAllBytesAsync(BlobPath(cutKey), []);

        var (repaired, repairReport) = await PictorCommand.RunAsync(Settings, "check", "--repair");
        Assert.True(repaired == 0, repairReport);
        Assert.Contains($"missing-derived-blob: derived 'pic-40x30.jpg': {cutKey} (cut short: 0 of {cut.Length} bytes)", repairReport);
        Assert.False(File.Exists(BlobPath(cutKey)));
        var (after, afterReport) = await PictorCommand.RunAsync(Settings, "check");
        Assert.True(after == 0, afterReport);
        Assert.Contains("consistent: 1 originals, 0 derived, 1 blobs", afterReport);
    }

    private string BlobPath(string key) => Data.BlobPath(key);

    private string StorageKey(string sql) => Data.Scalar(sql);

    public void Dispose() => _root.Dispose();
}
