using System.Net;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Contract;

/// <summary>
/// Every file of ../shared/corpus ends accepted-and-derivable or refused with a 4xx problem, never a 500,
/// and the service keeps serving. Files known to be valid must be accepted, known-bad ones refused.
/// </summary>
public abstract class CorpusTests<TBackend>(TBackend factory, ITestOutputHelper output) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private static readonly string[] DocumentNames = ["README.md", "README.markdown", "LICENSE", "PngSuite.README"];

    public static TheoryData<string> Folders() => new() { "orientation", "pngsuite", "wuffs", "bench" };

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Every_file_is_accepted_and_derivable_or_refused_with_a_4xx(string folder)
    {
        var client = factory.Client();
        int accepted = 0, refused = 0;
        foreach (var file in Corpus.Files(folder, recursive: true).Where(f => !DocumentNames.Contains(Path.GetFileName(f))))
        {
            var id = "c" + Guid.NewGuid().ToString("N")[..10];
            var response = await client.UploadAsync(id, Corpus.Bytes(file), Path.GetFileName(file));
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.Created)
            {
                accepted++;
                Assert.False(MustBeRefused(file), $"{file} is corrupt or untrusted but was accepted");
                foreach (var (w, h, ext) in new[] { (64, 48, "jpg"), (33, 77, "png"), (50, 50, "webp") })
                {
                    var derived = await client.GetAsync($"/derived/{id}-{w}x{h}.{ext}");
                    Assert.True(derived.StatusCode == HttpStatusCode.OK, $"{file} → {w}x{h}.{ext}: {(int)derived.StatusCode} {await derived.Content.ReadAsStringAsync()}");
                    Assert.Equal((w, h), Pixels.Size(await derived.Content.ReadAsByteArrayAsync()));
                }
            }
            else
            {
                refused++;
                Assert.True(status is >= 400 and < 500, $"{file}: {status} {await response.Content.ReadAsStringAsync()}");
                await response.ProblemAsync(response.StatusCode);
                Assert.False(MustBeAccepted(file), $"{file} is a valid image but was refused: {await response.Content.ReadAsStringAsync()}");
                await (await client.GetAsync($"/original/{id}")).ProblemAsync(HttpStatusCode.NotFound);
            }
        }
        output.WriteLine($"{folder}: {accepted + refused} files, {accepted} accepted, {refused} refused");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    private static bool MustBeRefused(string file)
    {
        var name = Path.GetFileName(file);
        return (file.StartsWith("pngsuite/", StringComparison.Ordinal) && name.StartsWith('x'))
            || name.Contains(".truncated.", StringComparison.Ordinal)
            || name.EndsWith(".svg", StringComparison.Ordinal) || name.EndsWith(".ppm", StringComparison.Ordinal) || name.EndsWith(".pgm", StringComparison.Ordinal);
    }

    private static bool MustBeAccepted(string file)
    {
        var name = Path.GetFileName(file);
        if (MustBeRefused(file) || file.Contains("/artificial-", StringComparison.Ordinal)) return false;
        // Single progressive scans are incomplete by construction (scan000 holds the DC only), like a truncation.
        if (name.Contains(".scan00", StringComparison.Ordinal)) return false;
        return true;
    }
}
