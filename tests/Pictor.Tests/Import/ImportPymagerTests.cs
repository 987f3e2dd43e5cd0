using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using Pictor.Tests.Infrastructure;
using Fate = Pictor.Tests.Import.PymagerDeployment.Fate;

namespace Pictor.Tests.Import;

/// <summary>
/// <c>pictor import-pymager</c>, run as the built program against a generated pymager deployment (its
/// database, on SQLite or PostgreSQL, and its nested data directory): every importable original is then
/// served by Pictor byte for byte with pymager's time as its creation time, everything else is reported
/// with its reason, a second run imports nothing twice, conflicts are left alone, and a run killed with
/// SIGKILL half way completes on the next run with nothing lost or duplicated.
/// </summary>
public sealed class ImportPymagerTests : IDisposable
{
    private static readonly string[] Photos =
    [
        "wuffs/hippopotamus.jpeg", "wuffs/hat.png", "wuffs/hat.gif", "wuffs/peacock.progressive.jpeg", "wuffs/bricks-color.png",
        "wuffs/animated-red-blue.gif", "wuffs/hat.lossy.webp", "orientation/Portrait_6.jpg", "orientation/Landscape_8.jpg",
    ];

    private static readonly TimeSpan ImportTimeout = TimeSpan.FromMinutes(5);
    private readonly TempFolder _root = new("pictor-import");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    [InlineData("mariadb")]
    public async Task Imports_every_importable_original_reports_the_rest_and_imports_nothing_twice(string backend)
    {
        var database = backend switch
        {
            "sqlite" => PymagerDatabase.Sqlite(Path.Combine(_root.Path, "pymager.sqlite")),
            "postgres" => await PymagerDatabase.PostgresAsync(),
            _ => await PymagerDatabase.MariaDbAsync(),
        };
        var deployment = await PymagerDeployment.CreateAsync(_root.Path, database, photos: 240, Photos);
        // pymager's database on MariaDB is read into Pictor on SQLite: Pictor's own MySQL catalogue cannot store
        // an upload yet (its migrations stop before the FocusX, alpha and catalogue columns the model reads).
        var settings = await SettingsAsync(backend == "mariadb" ? "sqlite" : backend);
        var imported = deployment.With(Fate.Imported).ToList();
        var convertible = deployment.With(Fate.Convertible).ToList();
        Assert.True(deployment.Originals.Count > 270, "a few hundred rows");

        var (code, output) = await ImportAsync(settings, deployment);
        Assert.True(code == 0, output);
        Assert.Contains($"import-pymager: {deployment.Originals.Count} originals in pymager: {imported.Count} imported (0 converted to PNG), 0 already imported, ", output);
        Assert.Contains($"{deployment.DerivedCount} derived images not copied", output);
        foreach (var o in deployment.Originals)
        {
            var line = $"{Kind(o.Fate)} {o.Row.Id}: ";
            if (o.Fate == Fate.Imported) Assert.DoesNotContain($" {o.Row.Id}: ", output);
            else Assert.True(output.Contains(line, StringComparison.Ordinal), $"no line '{line}' in\n{output}");
        }
        Assert.Contains("unsupported-format drawing-bmp: BMP is not a format Pictor takes; --convert-unsupported stores it as lossless PNG", output);
        Assert.Contains("mismatch says-png-0: pymager's record says PNG", output);
        Assert.Contains("refused cut-short: The jpeg data could not be decoded", output);
        Assert.Contains("refused not-an-image: pymager's record says JPEG, but the file is not an image in a format Pictor recognises", output);

        await using (var server = await PictorProcess.StartAsync(settings))
        {
            using var client = server.Client();
            await AssertServedAsync(client, database, imported);
            foreach (var o in deployment.Originals.Where(o => o.Fate is not (Fate.Imported or Fate.RefusedId)))
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/original/{o.Row.Id}")).StatusCode);
            // Derived images were not copied; Pictor makes them on request.
            Assert.Equal((30, 20), Pixels.Size(await client.GetByteArrayAsync($"/derived/{imported[1].Row.Id}-30x20.png")));
        }

        var (again, againOutput) = await ImportAsync(settings, deployment);
        Assert.True(again == 0, againOutput);
        Assert.Contains($": 0 imported (0 converted to PNG), {imported.Count} already imported, ", againOutput);

        var (converted, convertedOutput) = await ImportAsync(settings, deployment, "--convert-unsupported");
        Assert.True(converted == 0, convertedOutput);
        Assert.Contains($": {convertible.Count} imported ({convertible.Count} converted to PNG), {imported.Count} already imported, ", convertedOutput);
        Assert.Contains("converted drawing-bmp: BMP ", convertedOutput);
        Assert.Contains("stored as lossless PNG", convertedOutput);
        Assert.Contains("unsupported-format old-pcx: PCX is not a format Pictor takes (JPEG, PNG, GIF, TIFF, WebP, AVIF), and there is no converter for it", convertedOutput);

        var (third, thirdOutput) = await ImportAsync(settings, deployment, "--convert-unsupported");
        Assert.True(third == 0, thirdOutput);
        Assert.Contains($": 0 imported (0 converted to PNG), {imported.Count + convertible.Count} already imported, ", thirdOutput);

        var replaced = imported[3].Row.Id;
        var other = Corpus.Bytes("wuffs/hibiscus.regular.png");
        await using (var server = await PictorProcess.StartAsync(settings))
        {
            using var client = server.Client();
            foreach (var o in convertible)
            {
                var png = await client.GetByteArrayAsync($"/original/{o.Row.Id}");
                using var image = Pixels.Load(png);
                Assert.Equal("pngload_buffer", (string)image.Get("vips-loader"));
                Assert.Equal((o.Row.Width, o.Row.Height, o.Bands), (image.Width, image.Height, image.Bands));
                Assert.True(o.Pixels!.AsSpan().SequenceEqual(image.WriteToMemory<byte>()), $"{o.Row.Id}: the PNG's pixels differ from the {o.Row.Format}'s");
            }
            // Someone stores other bytes under a pymager ID: a re-run leaves them alone and says so.
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/original/{replaced}")).StatusCode);
            await client.UploadOkAsync(replaced, other);
        }
        var (conflict, conflictOutput) = await ImportAsync(settings, deployment, "--convert-unsupported");
        Assert.True(conflict == 1, conflictOutput);
        Assert.Contains($"conflict {replaced}: Pictor holds other bytes under this ID", conflictOutput);
        Assert.Contains(", 1 conflicts, 0 failed", conflictOutput);
        await using (var server = await PictorProcess.StartAsync(settings))
        {
            using var client = server.Client();
            Assert.Equal(other, await client.GetByteArrayAsync($"/original/{replaced}"));
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_run_killed_half_way_completes_on_the_next_run_with_nothing_lost_or_duplicated(string backend)
    {
        var database = backend == "sqlite" ? PymagerDatabase.Sqlite(Path.Combine(_root.Path, "pymager.sqlite")) : await PymagerDatabase.PostgresAsync();
        var deployment = await PymagerDeployment.CreateAsync(_root.Path, database, photos: 60,
            ["bench/harvesters-4032x3024.jpg", "bench/harvesters-2725x2225.jpg", "wuffs/peacock.png"], photosOnly: true);
        var settings = await SettingsAsync(backend);

        var info = PictorProcess.StartInfo(settings, ImportArguments(deployment));
        using (var process = Process.Start(info)!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow + ImportTimeout;
            while (await CountOriginalsAsync(settings) < 8 && !process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.False(process.HasExited, "the import finished before it could be killed");
            process.Kill(entireProcessTree: true); // SIGKILL
            await process.WaitForExitAsync();
        }
        var before = await CountOriginalsAsync(settings);
        Assert.InRange(before, 8, 59);

        var (code, output) = await PictorCommand.RunAsync(settings, ImportTimeout, ImportArguments(deployment));
        Assert.True(code == 0, output);
        Assert.Contains($": {60 - before} imported (0 converted to PNG), {before} already imported, 0 skipped, 0 conflicts, 0 failed", output);

        // Nothing half-made is left: the killed run's uncommitted blob went with the next start's recovery.
        var (check, report) = await PictorCommand.RunAsync(settings, "check");
        Assert.True(check == 0, report);
        Assert.Contains("consistent: 60 originals, 0 derived, 260 blobs", report); // 40 large photos with 5 levels each
        await using var server = await PictorProcess.StartAsync(settings);
        using var client = server.Client();
        await AssertServedAsync(client, database, deployment.Originals);
    }

    [Fact]
    public async Task Bad_arguments_and_an_unreadable_database_exit_with_2_and_import_nothing()
    {
        var settings = await SettingsAsync("sqlite");
        var data = Directory.CreateDirectory(Path.Combine(_root.Path, "pymager-data")).FullName;
        var notPymager = Path.Combine(_root.Path, "other.sqlite");
        await using (var other = new SqliteConnection($"Data Source={notPymager};Pooling=False"))
        {
            await other.OpenAsync();
            await using var create = other.CreateCommand();
            create.CommandText = "CREATE TABLE something_else (id TEXT)";
            await create.ExecuteNonQueryAsync();
        }

        var (missing, missingOutput) = await PictorCommand.RunAsync(settings, "import-pymager", "--data-directory", data);
        Assert.True(missing == 2, missingOutput);
        Assert.Contains("--database is required", missingOutput);
        var (unknown, unknownOutput) = await PictorCommand.RunAsync(settings, "import-pymager", "--database", "oracle://u:p@h/db", "--data-directory", data);
        Assert.True(unknown == 2, unknownOutput);
        Assert.Contains("The database 'oracle' is not supported", unknownOutput);
        var (unreadable, unreadableOutput) = await PictorCommand.RunAsync(settings, "import-pymager", "--database", $"sqlite:///{notPymager}", "--data-directory", data);
        Assert.True(unreadable == 2, unreadableOutput);
        Assert.Contains("cannot read the pymager database", unreadableOutput);
        Assert.Contains("abstract_item", unreadableOutput);
    }

    /// <summary>Every original served byte for byte, created when pymager last changed its status.</summary>
    private static async Task AssertServedAsync(HttpClient client, PymagerDatabase database, IEnumerable<PymagerDeployment.Original> originals)
    {
        foreach (var o in originals)
        {
            var served = await client.GetByteArrayAsync($"/original/{o.Row.Id}");
            Assert.True(o.File!.AsSpan().SequenceEqual(served), $"{o.Row.Id}: bytes differ");
            var metadata = await (await client.GetAsync($"/original/{o.Row.Id}/metadata")).JsonAsync();
            Assert.Equal(database.Stored(o.Row.Date), metadata.GetProperty("created").GetDateTime().ToUniversalTime());
        }
    }

    private async Task<Dictionary<string, string>> SettingsAsync(string backend)
    {
        var settings = new Dictionary<string, string>
        {
            ["Pictor:DataDirectory"] = Path.Combine(_root.Path, "data"),
            ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
        };
        if (backend == "postgres")
        {
            var server = await TestServers.PostgresAsync();
            settings["Pictor:Database:Provider"] = "postgres";
            settings["Pictor:Database:ConnectionString"] = server.ConnectionString(await server.CreateDatabaseAsync());
        }

        return settings;
    }

    private static string[] ImportArguments(PymagerDeployment deployment, params string[] extra) =>
        ["import-pymager", "--database", deployment.Database.Url, "--data-directory", deployment.DataDirectory, .. extra];

    private static Task<(int ExitCode, string Output)> ImportAsync(Dictionary<string, string> settings, PymagerDeployment deployment, params string[] extra) =>
        PictorCommand.RunAsync(settings, ImportTimeout, ImportArguments(deployment, extra));

    private static string Kind(Fate fate) => fate switch
    {
        Fate.Inconsistent => "inconsistent",
        Fate.MissingFile => "missing-file",
        Fate.Mismatch => "mismatch",
        Fate.RefusedId => "refused-id",
        Fate.Convertible or Fate.Unconvertible => "unsupported-format",
        Fate.Refused => "refused",
        _ => "imported",
    };

    /// <summary>Originals Pictor has committed, read beside the running import (0 before its schema exists).</summary>
    private async Task<long> CountOriginalsAsync(Dictionary<string, string> settings)
    {
        const string sql = "SELECT COUNT(*) FROM originals";
        if (settings.TryGetValue("Pictor:Database:ConnectionString", out var postgres))
        {
            await using var connection = new NpgsqlConnection(postgres + ";Pooling=false");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            try { return (long)(await command.ExecuteScalarAsync())!; }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable) { return 0; }
        }
        var file = Path.Combine(_root.Path, "data", "pictor.db");
        if (!File.Exists(file)) return 0;
        try
        {
            await using var db = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = sql;
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (SqliteException)
        {
            return 0; // not created yet
        }
    }

    public void Dispose() => _root.Dispose();
}
