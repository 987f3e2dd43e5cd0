using System.Text.Json;
using Microsoft.Data.Sqlite;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Consistency;

/// <summary>
/// Originals stored before placeholders were recorded (simulated by clearing the columns, as the migration leaves
/// them) are reported by <c>pictor check</c> and given their facts by <c>check --repair</c>, identical to what an
/// upload computes; on SQLite + files, PostgreSQL + S3 and MariaDB + S3.
/// </summary>
public sealed class PlaceholderBackfillTests : IDisposable
{
    private readonly TempFolder _root = new("pictor-backfill");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    [InlineData("mariadb")]
    public async Task Check_repair_fills_in_missing_placeholders(string backend)
    {
        var (settings, execute) = await StoresAsync(backend);
        (string?, string?) computed;
        await using (var server = await PictorProcess.StartAsync(settings))
        {
            using var client = server.Client();
            computed = Facts(await (await client.UploadOkAsync("old", Corpus.Bytes("wuffs/hippopotamus.jpeg"))).JsonAsync());
            await client.UploadOkAsync("new", Corpus.Bytes("wuffs/hat.png"));
            Assert.NotNull(computed.Item1);
            await execute("UPDATE originals SET \"Placeholder\" = NULL, \"DominantColor\" = NULL WHERE \"Id\" = 'old'");
            Assert.Equal((null, null), Facts(await (await client.GetAsync("/original/old/metadata")).JsonAsync()));
        }

        var (found, report) = await PictorCommand.RunAsync(settings, "check");
        Assert.True(found == 1, report);
        Assert.Contains("missing-placeholder: original 'old'", report);
        Assert.DoesNotContain("original 'new'", report);
        var (repaired, repairReport) = await PictorCommand.RunAsync(settings, "check", "--repair");
        Assert.True(repaired == 0, repairReport);
        var (after, afterReport) = await PictorCommand.RunAsync(settings, "check");
        Assert.True(after == 0, afterReport);

        await using (var server = await PictorProcess.StartAsync(settings))
        {
            using var client = server.Client();
            Assert.Equal(computed, Facts(await (await client.GetAsync("/original/old/metadata")).JsonAsync()));
        }
    }

    private static (string?, string?) Facts(JsonElement o) =>
        (o.GetProperty("placeholder").GetString(), o.GetProperty("dominantColor").GetString());

    /// <summary>The instance settings, and a way to run SQL on its database.</summary>
    private async Task<(Dictionary<string, string> Settings, Func<string, Task> Execute)> StoresAsync(string backend)
    {
        var data = Path.Combine(_root.Path, "data");
        if (backend == "sqlite")
        {
            var settings = new Dictionary<string, string> { ["Pictor:DataDirectory"] = data, ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey };
            return (settings, async sql =>
            {
                await using var db = new SqliteConnection($"Data Source={Path.Combine(data, "pictor.db")};Pooling=False");
                await db.OpenAsync();
                await using var command = db.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync();
            });
        }
        var stores = await ClusterStores.CreateAsync(backend == "mariadb" ? DatabaseBackend.MariaDb : DatabaseBackend.Postgres);
        return (stores.InstanceSettings(data), async sql => await stores.QueryAsync<object>(sql));
    }

    public void Dispose() => _root.Dispose();
}
