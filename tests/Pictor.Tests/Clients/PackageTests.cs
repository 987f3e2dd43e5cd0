using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Clients;

/// <summary><c>dotnet pack</c> of the client and the CLI (from the build the tests run on, no network): what a consumer gets.</summary>
public sealed class PackageTests
{
    [Fact]
    public async Task The_client_package_carries_its_README_XML_docs_and_repository_metadata()
    {
        using var output = new TempFolder("pictor-pack");
        await PackAsync("src/Pictor.Client/Pictor.Client.csproj", output.Path);
        var package = Assert.Single(Directory.GetFiles(output.Path, "Pictor.Client.*.nupkg"), f => !f.EndsWith(".snupkg", StringComparison.Ordinal));
        using var zip = ZipFile.OpenRead(package);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("README.md", names);
        Assert.Contains("lib/net10.0/Pictor.Client.dll", names);
        Assert.Contains("lib/net10.0/Pictor.Client.xml", names);

        var docs = XDocument.Load(zip.GetEntry("lib/net10.0/Pictor.Client.xml")!.Open());
        Assert.Contains(docs.Descendants("member"), m => (string?)m.Attribute("name") == "T:Pictor.Client.PictorClient");
        var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("Pictor.Client", metadata.Element(ns + "id")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.NotNull(metadata.Element(ns + "repository")?.Attribute("url"));
        Assert.Contains(metadata.Descendants(ns + "dependency"), d => (string?)d.Attribute("id") == "Microsoft.Extensions.Http");
    }

    [Fact]
    public async Task The_CLI_packs_as_a_dotnet_tool_named_pictor()
    {
        using var output = new TempFolder("pictor-pack-cli");
        await PackAsync("tools/Pictor.Cli/Pictor.Cli.csproj", output.Path);
        var package = Assert.Single(Directory.GetFiles(output.Path, "Pictor.Cli.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        var settings = zip.Entries.Single(e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
        var command = XDocument.Load(settings.Open()).Descendants("Command").Single();
        Assert.Equal("pictor", (string?)command.Attribute("Name"));
        Assert.Equal("pictor.dll", (string?)command.Attribute("EntryPoint"));
        Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/Pictor.Client.dll", StringComparison.Ordinal));
    }

    private static async Task PackAsync(string project, string output)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var info = new ProcessStartInfo("dotnet", ["pack", Path.Combine(RepoPaths.Root, project), "-c", configuration, "--no-build", "--no-restore", "-nologo", "-o", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet pack {project}: exit {process.ExitCode}\n{await stdout}\n{await stderr}");
    }
}
