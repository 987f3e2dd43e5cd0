using System.Net;
using System.Security.Cryptography;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Hostile;

/// <summary>
/// Derived-image names with bad sizes and extensions, and IDs that try to reach files outside the store
/// (dot segments, encoded slashes and backslashes, NUL, overlong UTF-8, Unicode look-alikes, over-long),
/// sent byte for byte over a socket to the real server: every one is a 4xx, and no file outside the
/// store is created, changed or served.
/// </summary>
public sealed class HostileUrlTests(ServerProcessFixture server, ITestOutputHelper output) : IClassFixture<ServerProcessFixture>
{
    private const int AnyClientError = 0;

    /// <summary>(target, expected status; <see cref="AnyClientError"/> where Kestrel itself refuses the request line).</summary>
    public static TheoryData<string, int> DerivedTargets() => new()
    {
        // sizes: zero, leading zeros, beyond MaxDimension (8192), overflowing 32 and 64 bits: not allowed (403, as pymager)
        { "/derived/pic-0x100.jpg", 403 },
        { "/derived/pic-100x0.jpg", 403 },
        { "/derived/pic-0x0.jpg", 403 },
        { "/derived/pic-0100x100.jpg", 403 },
        { "/derived/pic-100x00100.jpg", 403 },
        { "/derived/pic-00x100.jpg", 403 },
        { "/derived/pic-8193x100.jpg", 403 },
        { "/derived/pic-100x8193.jpg", 403 },
        { "/derived/pic-65536x65536.png", 403 },
        { "/derived/pic-2147483647x1.jpg", 403 },
        { "/derived/pic-2147483648x1.jpg", 403 },
        { "/derived/pic-4294967297x1.jpg", 403 },
        { "/derived/pic-1x18446744073709551617.jpg", 403 },
        { "/derived/pic-1x999999999999999999999999999999999999999.jpg", 403 },
        // negative and non-numeric sizes: not the {id}-{w}x{h}.{ext} shape, or an ID that does not exist
        { "/derived/pic--5x10.jpg", 404 },
        { "/derived/pic-5x-10.jpg", 404 },
        { "/derived/pic--1x-1.jpg", 404 },
        { "/derived/pic-1e3x100.jpg", 404 },
        { "/derived/pic-+100x100.jpg", 404 },
        { "/derived/pic-100x100x100.jpg", 404 },
        { "/derived/pic-%EF%BC%91%EF%BC%90x10.jpg", 404 },   // fullwidth digits
        { "/derived/pic-%D9%A3x3.jpg", 404 },                // Arabic-Indic digit
        { "/derived/pic-10X10.jpg", 404 },
        // extensions
        { "/derived/pic-10x10.bmp", 400 },
        { "/derived/pic-10x10.svg", 400 },
        { "/derived/pic-10x10.exe", 400 },
        { "/derived/pic-10x10.html", 400 },
        { "/derived/pic-10x10.php", 400 },
        { "/derived/pic-10x10.jpg%20", 404 },
        { "/derived/pic-10x10.jpg;.png", 404 },
        { "/derived/pic-10x10.jp%00g", 400 },
        { "/derived/pic-10x10.jpg%2F", 404 },
        { "/derived/pic-10x10.%E2%80%8Bjpg", 404 },          // zero-width space
        { "/derived/pic-10x10.%EF%BD%8A%EF%BD%90%EF%BD%87", 404 }, // fullwidth "jpg"
        { "/derived/pic-10x10.T%C4%B0FF", 404 },             // dotted capital I: lower-cases to "ti̇ff"
        { "/derived/pic-10x10.jpg.exe", 404 },
        { "/derived/pic-10x10.jpg%00.png", 400 },            // Kestrel refuses a NUL anywhere in the decoded path
        { "/derived/pic-10x10.", 404 },
        { "/derived/pic-10x10", 404 },
        // IDs that try to leave the store: not pymager's [\w_-]+, so the name does not decode (404)
        { "/derived/..-10x10.jpg", 404 },
        { "/derived/%2e%2e-10x10.jpg", 404 },
        { "/derived/..%2F..%2Fsecret-10x10.jpg", 404 },
        { "/derived/..%2f..%2f..%2fetc%2fpasswd-10x10.jpg", 404 },
        { "/derived/..%252F..%252Fsecret-10x10.jpg", 404 },
        { "/derived/%2Fsecret-10x10.jpg", 404 },
        { "/derived/..%5C..%5Csecret-10x10.jpg", 404 },
        { "/derived/secret%00-10x10.jpg", 400 },               // Kestrel refuses a NUL in the decoded path
        { "/derived/a%00b-10x10.jpg", 400 },
        { "/derived/%C0%AE%C0%AE%C0%AFsecret-10x10.jpg", 404 }, // overlong UTF-8 "../"
        { "/derived/%E2%80%A4%E2%80%A4%EF%BC%8Fsecret-10x10.jpg", 404 }, // one dot leaders, fullwidth solidus
        { "/derived/%E2%88%95etc%E2%88%95passwd-10x10.jpg", 404 }, // division slash
        { "/derived/%D1%80ic-10x10.jpg", 404 },              // Cyrillic er for p
        { "/derived/pi%CC%81c-10x10.jpg", 404 },             // combining accent
        { "/derived/%FF%FE-10x10.jpg", 404 },                // not UTF-8
        { "/derived/" + new string('a', 129) + "-10x10.jpg", 404 },
        { "/derived/" + new string('a', 300) + "-10x10.jpg", 404 },
        { "/derived/../secret.jpg", 404 },                   // dot segments are removed before routing
        { "/derived/../../../../../etc/passwd", 404 },
        { "/derived/%2e%2e/%2e%2e/secret-10x10.jpg", 404 },
        { "/derived/a\0b-10x10.jpg", AnyClientError },       // a raw NUL byte in the request line
        { "/derived/a\\..\\secret-10x10.jpg", AnyClientError },
        { "/derived/" + new string('a', 20_000) + "-10x10.jpg", AnyClientError },
    };

    public static TheoryData<string, string, int> OriginalTargets() => new()
    {
        { "GET", "/original/..%2F..%2Fsecret.jpg", 400 },
        { "GET", "/original/secret.jpg", 400 },
        { "GET", "/original/..%5Csecret", 400 },
        { "GET", "/original/%2Fetc%2Fpasswd", 400 },
        { "GET", "/original/pic%00", 400 },
        { "GET", "/original/%E2%80%A4%E2%80%A4", 400 },
        { "GET", "/original/" + new string('a', 129), 400 },
        { "GET", "/original/..%2F..%2Fsecret/metadata", 400 },
        { "HEAD", "/original/..%2Fsecret.jpg", 400 },
        { "DELETE", "/original/..%2F..%2Fsecret.jpg", 400 },
        { "DELETE", "/original/pic%00", 400 },
        { "DELETE", "/original/%2e%2e", 405 },               // normalised to "/", the home page, which is only read
        { "DELETE", "/original/../original/pic/../../secret.jpg", 404 },
        { "PUT", "/original/..%2F..%2Fsecret.jpg", 400 },
        { "PUT", "/original/..%5C..%5Cblobs", 400 },
        { "POST", "/original/%C0%AE%C0%AE%C0%AFx", 400 },
        { "POST", "/original/a\0b", AnyClientError },
        { "GET", "/original?after=..%2F..%2Fsecret", 400 },
    };

    [Theory]
    [MemberData(nameof(DerivedTargets))]
    public async Task Hostile_derived_names_are_refused_and_touch_nothing_outside_the_store(string target, int expected) =>
        await AssertRefusedAsync("GET", target, expected);

    [Theory]
    [MemberData(nameof(OriginalTargets))]
    public async Task Hostile_original_ids_are_refused_and_touch_nothing_outside_the_store(string method, string target, int expected) =>
        await AssertRefusedAsync(method, target, expected);

    private async Task AssertRefusedAsync(string method, string target, int expected)
    {
        var (secret, pic) = await PrepareAsync();
        var before = Snapshot();

        var response = await RawHttp.SendAsync(server.Server.BaseAddress, method, target, $"Bearer {PictorFactory.ApiKey}");
        output.WriteLine($"{method} {Printable(target)} → {response.Status} {response.Text}");

        if (expected == AnyClientError) Assert.InRange(response.Status, 400, 499);
        else Assert.Equal(expected, response.Status);
        if (response.Header("content-type") is { } type && type.StartsWith("application/", StringComparison.Ordinal))
            Assert.StartsWith("application/problem+json", type);
        Assert.NotEqual(secret, response.Body);
        Assert.Equal(before, Snapshot());
        Assert.Equal(pic, await server.Client.GetByteArrayAsync("/original/pic")); // and nothing was deleted or replaced
        await server.AssertNoServerFaultsAsync();
    }

    /// <summary>A file beside the data directory that a traversal would aim at, and an original named "pic".</summary>
    private async Task<(byte[] Secret, byte[] Pic)> PrepareAsync()
    {
        var secret = Corpus.Bytes("wuffs/hat.jpeg");
        var secretPath = Path.Combine(server.Root, "secret.jpg");
        if (!File.Exists(secretPath))
        {
            await File.WriteAllBytesAsync(secretPath, secret);
            Directory.CreateDirectory(Path.Combine(server.Root, "etc"));
            await File.WriteAllTextAsync(Path.Combine(server.Root, "etc", "passwd"), "root:x:0:0::/root:/bin/sh\n");
        }
        var pic = Corpus.Bytes("wuffs/hippopotamus.jpeg");
        if ((await server.Client.GetAsync("/original/pic")).StatusCode == HttpStatusCode.NotFound)
        {
            await server.Client.UploadOkAsync("pic", pic);
            await server.Client.GetByteArrayAsync("/derived/pic-10x10.jpg");
        }
        return (secret, pic);
    }

    /// <summary>Every file under the test's root (blobs, temp files, the secret) with its size, time and hash, except the database.</summary>
    private Dictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(server.Root, "*", SearchOption.AllDirectories)
            .Select(f => (Relative: Path.GetRelativePath(server.Root, f), Info: new FileInfo(f)))
            .Where(f => !Path.GetFileName(f.Relative).StartsWith("pictor.db", StringComparison.Ordinal))
            .ToDictionary(
                f => f.Relative,
                f => f.Info.Name == ".lock" // the live instance's lock on its temp folder cannot be read
                    ? "lock"
                    : $"{f.Info.Length} {f.Info.LastWriteTimeUtc:O} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f.Info.FullName)))}");

    private static string Printable(string target) =>
        (target.Length > 120 ? target[..120] + "…" : target).Replace("\0", "\\0", StringComparison.Ordinal);
}
