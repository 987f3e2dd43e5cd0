using System.Net;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Hostile;

/// <summary>
/// Truncated and corrupt files of every accepted format are refused at upload with a 4xx problem; a
/// file that is accepted is one that derives, in every output format. Nothing is accepted and then
/// fails at derive time, nothing gives a 5xx, and the server keeps serving. The corpus supplies
/// real broken files; the rest are cut and mutated here from valid files of each format.
/// </summary>
public sealed class CorruptUploadTests(ServerProcessFixture server, ITestOutputHelper output) : IClassFixture<ServerProcessFixture>
{
    /// <summary>Cut points as a fraction of the file: every one of them loses pixel data.</summary>
    private static readonly double[] LosingCuts = [0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.95, 0.99];

    private const int MutantsPerFile = 16;

    private static readonly (int Width, int Height, string Ext)[] Outputs =
        [(64, 48, "jpg"), (33, 77, "png"), (50, 50, "webp"), (40, 40, "avif"), (30, 20, "gif"), (20, 30, "tiff")];

    public static TheoryData<string> Formats() => new(ValidImages.All.Keys);

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Cut_and_mutated_files_are_refused_or_fully_derivable(string format)
    {
        var valid = ValidImages.All[format]();
        var tally = new Tally();
        Assert.True(await UploadAsync(valid, tally, derivedOutputs: Outputs.Length), $"the uncut {format} must be accepted");

        foreach (var cut in LosingCuts)
        {
            var accepted = await UploadAsync(valid[..(int)(valid.Length * cut)], tally);
            Assert.False(accepted, $"{format} cut to {cut:P0} of its bytes was accepted");
        }
        // The last bytes may be a trailer the pixels do not need: refusing and accepting are both right, if accepted derives.
        foreach (var missing in new[] { 1, 2, 16 })
            await UploadAsync(valid[..^missing], tally);

        var random = new Random(format.Sum(c => c) * 7919); // the same mutants on every run
        for (var i = 0; i < MutantsPerFile; i++)
            await UploadAsync(Mutate(valid, random), tally);

        output.WriteLine($"{format}: {tally}");
        await server.AssertNoServerFaultsAsync();
    }

    [Fact]
    public async Task Broken_files_of_the_corpus_are_refused_and_odd_ones_are_refused_or_fully_derivable()
    {
        var tally = new Tally();
        var mustRefuse = Corpus.Files("wuffs", "*.truncated.*").Concat(Corpus.Files("pngsuite", "x*.png")).ToList();
        foreach (var file in mustRefuse)
            Assert.False(await UploadAsync(Corpus.Bytes(file), tally), $"{file} was accepted");
        foreach (var file in Corpus.Files("wuffs", recursive: true).Where(f => f.Contains("/artificial-", StringComparison.Ordinal)))
            await UploadAsync(Corpus.Bytes(file), tally);
        output.WriteLine($"corpus: {tally}");
        await server.AssertNoServerFaultsAsync();
    }

    /// <summary>Uploads; if accepted, derives it (to one output rotating through all formats, and to JPEG) and checks every pixel decodes.</summary>
    private async Task<bool> UploadAsync(byte[] bytes, Tally tally, int derivedOutputs = 2)
    {
        var client = server.Client;
        var id = "z" + Guid.NewGuid().ToString("N")[..12];
        var response = await client.UploadAsync(id, bytes, "upload.jpg");
        if (response.StatusCode != HttpStatusCode.Created)
        {
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"upload of {bytes.Length} bytes: {status} {await response.Content.ReadAsStringAsync()}");
            await response.ProblemAsync(response.StatusCode);
            await (await client.GetAsync($"/original/{id}")).ProblemAsync(HttpStatusCode.NotFound);
            tally.Refused++;
            return false;
        }
        tally.Accepted++;
        var outputs = derivedOutputs >= Outputs.Length ? Outputs : [Outputs[0], Outputs[1 + tally.Accepted % (Outputs.Length - 1)]];
        foreach (var (w, h, ext) in outputs)
        {
            var derived = await client.GetAsync($"/derived/{id}-{w}x{h}.{ext}");
            var body = await derived.Content.ReadAsByteArrayAsync();
            Assert.True(derived.StatusCode == HttpStatusCode.OK, $"accepted upload of {bytes.Length} bytes, then {w}x{h}.{ext}: {(int)derived.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
            using var image = NetVips.Image.NewFromBuffer(body, failOn: NetVips.Enums.FailOn.Warning, access: NetVips.Enums.Access.Sequential);
            Assert.Equal((w, h), (image.Width, image.Height));
            _ = image.Avg(); // every pixel decodes
            tally.Derived++;
        }
        Assert.Equal(bytes, await client.GetByteArrayAsync($"/original/{id}"));
        return true;
    }

    /// <summary>One of: bytes flipped, a block zeroed, a block copied elsewhere, garbage inserted. The magic bytes stay.</summary>
    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = (byte[])valid.Clone();
        int Position(int room) => 16 + random.Next(Math.Max(1, bytes.Length - 16 - room));
        switch (random.Next(4))
        {
            case 0:
                for (var n = random.Next(1, 5); n > 0; n--) bytes[Position(1)] ^= (byte)random.Next(1, 256);
                return bytes;
            case 1:
                Array.Clear(bytes, Position(64), Math.Min(64, bytes.Length - 16));
                return bytes;
            case 2:
                var length = Math.Min(256, bytes.Length / 4);
                Array.Copy(valid, Position(length), bytes, Position(length), length);
                return bytes;
            default:
                var at = Position(0);
                var garbage = new byte[32];
                random.NextBytes(garbage);
                return [.. bytes[..at], .. garbage, .. bytes[at..]];
        }
    }

    private sealed class Tally
    {
        public int Accepted;
        public int Refused;
        public int Derived;

        public override string ToString() => $"{Accepted + Refused} files tried, {Refused} refused, {Accepted} accepted ({Derived} derived images checked)";
    }
}
