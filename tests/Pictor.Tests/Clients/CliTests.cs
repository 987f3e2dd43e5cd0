using System.Security.Cryptography;
using System.Text.Json;
using Pictor.Client;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Clients;

/// <summary>The <c>pictor</c> command line as a process against a real Pictor: upload, resume, ls, info, export, rm, errors.</summary>
public sealed class CliTests(ClientServerFixture fixture) : IClassFixture<ClientServerFixture>
{
    private Uri Url => fixture.Server.BaseAddress;

    private Task<Cli.Result> Pictor(params string[] args) => Cli.RunAsync(Url, PictorFactory.ApiKey, args);

    [Fact]
    public async Task Upload_a_folder_resume_list_inspect_export_and_remove()
    {
        using var folder = new TempFolder("pictor-cli-up");
        var p = $"u{Guid.NewGuid():N}"[..10];
        var sources = new Dictionary<string, string>
        {
            [$"{p} one (1).jpg"] = "orientation/Landscape_5.jpg",
            [$"{p}-two.png"] = "wuffs/hat.png",
            [$"{p}-three.webp"] = "wuffs/hat.lossy.webp",
            [$"{p}-four.jpg"] = "orientation/Portrait_5.jpg",
        };
        foreach (var (name, source) in sources) File.Copy(Corpus.Path(source), Path.Combine(folder.Path, name));
        File.WriteAllText(Path.Combine(folder.Path, "notes.txt"), "not an image, not uploaded");
        var ids = new Dictionary<string, string>
        {
            [$"{p}_one__1_"] = $"{p} one (1).jpg", [$"{p}-two"] = $"{p}-two.png", [$"{p}-three"] = $"{p}-three.webp", [$"{p}-four"] = $"{p}-four.jpg",
        };

        var first = await Pictor("upload", folder.Path, "--parallel", "2");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("4 uploaded, 0 replaced, 0 skipped, 0 conflicts, 0 failed", first.Out);
        var client = fixture.Client();
        foreach (var (id, file) in ids)
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder.Path, file)))), (await client.GetMetadataAsync(id)).Sha256);

        var again = await Pictor("upload", folder.Path);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("0 uploaded, 0 replaced, 4 skipped, 0 conflicts, 0 failed", again.Out);

        // Same ID, other bytes: a conflict, reported, exit 1; --replace replaces it.
        using var other = new TempFolder("pictor-cli-other");
        var changed = Path.Combine(other.Path, $"{p}-four.jpg");
        File.Copy(Corpus.Path("orientation/Landscape_6.jpg"), changed);
        var conflict = await Pictor("upload", changed);
        Assert.True(conflict.ExitCode == 1, conflict.ToString());
        Assert.Contains($"{p}-four: conflict", conflict.Error);
        var replaced = await Pictor("upload", changed, "--replace");
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.Contains("1 replaced", replaced.Out);
        Assert.Equal(File.ReadAllBytes(changed), await client.DownloadOriginalAsync($"{p}-four"));
        File.Copy(changed, Path.Combine(folder.Path, $"{p}-four.jpg"), overwrite: true);

        var json = await Pictor("ls", "--prefix", p, "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var listed = JsonSerializer.Deserialize<List<OriginalMetadata>>(json.Out, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(ids.Keys.Order(StringComparer.Ordinal), listed.Select(o => o.Id));
        var plain = await Pictor("ls", "--prefix", p, "--format", "png");
        Assert.Equal($"{p}-two\tpng", string.Join('\t', plain.Out.Trim().Split('\t')[..2]));

        var info = await Pictor("info", $"{p}-two");
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains(listed.Single(o => o.Id == $"{p}-two").Sha256, info.Out);

        using var export = new TempFolder("pictor-cli-export");
        var exported = await Pictor("export", export.Path, "--prefix", p);
        Assert.True(exported.ExitCode == 0, exported.ToString());
        Assert.Contains("4 downloaded, 0 skipped, 0 failed", exported.Out);
        foreach (var (id, file) in ids) // ID.ext from the stored format: jpeg → .jpg
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder.Path, file)), File.ReadAllBytes(Path.Combine(export.Path, id + Path.GetExtension(file))));
        var resumed = await Pictor("export", export.Path, "--prefix", p);
        Assert.Contains("0 downloaded, 4 skipped, 0 failed", resumed.Out);

        var removed = await Pictor("rm", $"{p}-two", $"{p}-three", $"{p}-nope");
        Assert.True(removed.ExitCode == 1, removed.ToString());
        Assert.Contains($"{p}-nope: 404", removed.Error);
        Assert.Null(await client.TryGetMetadataAsync($"{p}-two"));
        Assert.Null(await client.TryGetMetadataAsync($"{p}-three"));
        Assert.NotNull(await client.TryGetMetadataAsync($"{p}-four"));
    }

    [Fact]
    public async Task Url_builds_and_signs_what_the_service_serves_and_warm_generates_derived_images()
    {
        var id = $"w{Guid.NewGuid():N}"[..12];
        await fixture.Client().UploadAsync(id, Corpus.Path("orientation/Portrait_2.jpg")); // 1200x1800
        using var http = fixture.Server.Client(apiKey: null);

        var signed = await Pictor("url", id, "-w", "200", "--height", "300", "-g", "auto", "-f", "webp", "--sign", "--signing-key", ClientServerFixture.SigningKey, "--expires", "00:10:00");
        Assert.True(signed.ExitCode == 0, signed.ToString());
        var url = signed.Out.Trim();
        Assert.StartsWith($"{Url.ToString().TrimEnd('/')}/derived/{id}/w_200,h_300,g_auto.webp?s=", url);
        Assert.Contains("&exp=", url);
        using (var response = await http.GetAsync(url))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal((200, 300), Pixels.Size(await response.Content.ReadAsByteArrayAsync()));
        }
        var unsigned = await Pictor("url", id, "-o", "h_300,w_200,g_auto", "-f", "webp");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await http.GetAsync(unsigned.Out.Trim())).StatusCode);

        var srcset = await Pictor("url", id, "-t", ClientServerFixture.Preset, "-f", "jpg", "--srcset", "60", "120");
        Assert.Equal($"{Url.ToString().TrimEnd('/')}/derived/{id}/t_thumb,w_60.jpg 60w, {Url.ToString().TrimEnd('/')}/derived/{id}/t_thumb,w_120.jpg 120w", srcset.Out.Trim());

        var warm = await Pictor("warm", id, $"{id}-missing", "--preset", ClientServerFixture.Preset, "-f", "png");
        Assert.True(warm.ExitCode == 1, warm.ToString());
        Assert.Contains("1 warmed, 1 failed", warm.Out);
        Assert.Contains($"{id}-missing", warm.Error);
        var derived = Assert.Single((await fixture.Client().GetMetadataAsync(id)).Derived, d => d.Format == "png");
        Assert.Equal((120, 80), (derived.Width, derived.Height));

        Assert.Equal(2, (await Pictor("url", id, "-w", "200", "--sign")).ExitCode); // no signing key
        Assert.Equal(2, (await Pictor("url", id)).ExitCode); // no option
    }

    [Fact]
    public async Task Errors_are_one_clear_line_and_an_exit_code()
    {
        using var folder = new TempFolder("pictor-cli-err");
        File.Copy(Corpus.Path("orientation/Landscape_7.jpg"), Path.Combine(folder.Path, "wrong-key.jpg"));

        var wrongKey = await Cli.RunAsync(Url, "not-the-key", "upload", folder.Path);
        Assert.True(wrongKey.ExitCode == 3, wrongKey.ToString());
        Assert.Contains("401", wrongKey.Error);
        Assert.Contains("--key or PICTOR_API_KEY", wrongKey.Error);
        var readOnly = await Cli.RunAsync(Url, ClientServerFixture.ReadKey, "rm", "anything");
        Assert.True(readOnly.ExitCode == 3, readOnly.ToString());
        Assert.Contains("403", readOnly.Error);

        var unreachable = await Cli.RunAsync(new Uri($"http://127.0.0.1:{PictorProcess.FreePort()}"), null, "ls");
        Assert.True(unreachable.ExitCode == 3, unreachable.ToString());
        Assert.Contains("cannot reach the service", unreachable.Error);

        var notFound = await Pictor("info", "no-such-image");
        Assert.True(notFound.ExitCode == 1, notFound.ToString());
        Assert.Contains("404", notFound.Error);

        var notImage = Path.Combine(folder.Path, "text.jpg");
        File.WriteAllText(notImage, "not a JPEG");
        var refused = await Pictor("upload", notImage);
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("text (", refused.Error);
        Assert.Contains("400", refused.Error);

        Assert.Equal(2, (await Pictor("ls", "--bogus")).ExitCode);
        Assert.Equal(2, (await Pictor("upload", Path.Combine(folder.Path, "missing"))).ExitCode);
        Assert.Equal(2, (await Pictor("upload")).ExitCode);
        Assert.Equal(2, (await Cli.RunAsync(new Uri("ftp://127.0.0.1/"), null, "ls")).ExitCode);

        foreach (var result in new[] { wrongKey, readOnly, unreachable, notFound, refused })
            Assert.DoesNotContain("   at ", result.Error); // no stack traces
    }
}
