using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NetVips;
using Pictor.Tests.Hostile;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Faults;

/// <summary>
/// Issue 16: an original that decoded at upload but no longer does — its bytes cut short on disk behind Pictor's
/// back, as a failing disk or a careless copy would — derives to a 422 <c>undecodable-original</c> problem, never
/// a 500 and never a grey-filled image; the original is marked in the catalogue, its metadata says so,
/// <c>pictor check</c> reports it with exit code 1 (<c>--repair</c> cannot mend it, so exit 1 there too), and
/// replacing it clears the mark.
/// </summary>
public sealed class UndecodableOriginalTests(ServerProcessFixture server) : IClassFixture<ServerProcessFixture>
{
    private Dictionary<string, string> Settings => new()
    {
        ["Pictor:DataDirectory"] = server.DataDirectory,
        ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
    };

    private static byte[] Photo(string suffix)
    {
        using var photo = Image.NewFromBuffer(Corpus.Bytes("wuffs/hippopotamus.jpeg"));
        using var small = photo.Resize(400.0 / photo.Width);
        return small.WriteToBuffer(suffix);
    }

    /// <summary>Cuts the stored blob of <paramref name="id"/> to half its length, in place.</summary>
    private void CutStoredBytes(string id)
    {
        string key;
        using (var db = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "pictor.db")};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT StorageKey FROM originals WHERE Id = $id";
            command.Parameters.AddWithValue("$id", id);
            key = (string)command.ExecuteScalar()!;
        }
        var path = Path.Combine(server.DataDirectory, "blobs", key);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
    }

    private async Task<JsonElement> MetadataAsync(string id) => await (await server.Client.GetAsync($"/original/{id}/metadata")).JsonAsync();

    [Theory]
    [InlineData(".jpg")]
    [InlineData(".png")]
    [InlineData(".webp")]
    [InlineData(".gif")]
    [InlineData(".tif")]
    [InlineData(".avif")]
    public async Task A_stored_original_cut_short_derives_to_a_422_problem_is_marked_and_replacing_it_clears_the_mark(string suffix)
    {
        var id = "cut" + suffix.TrimStart('.') + Guid.NewGuid().ToString("N")[..6];
        var good = Photo(suffix);
        await server.Client.UploadOkAsync(id, good);
        CutStoredBytes(id);

        foreach (var variant in new[] { "40x30.jpg", "200x150.png", "120x90.webp" })
        {
            var problem = await (await server.Client.GetAsync($"/derived/{id}-{variant}")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.EndsWith("/undecodable-original", problem.GetProperty("type").GetString());
            Assert.Contains(id, problem.GetProperty("detail").GetString());
        }
        var mark = (await MetadataAsync(id)).GetProperty("undecodable");
        Assert.Equal(JsonValueKind.Object, mark.ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(mark.GetProperty("reason").GetString()));

        var replace = await server.Client.PutRawAsync(id, good);
        Assert.Equal(HttpStatusCode.OK, replace.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await MetadataAsync(id)).GetProperty("undecodable").ValueKind);
        Assert.Equal((40, 30), Pixels.Size(await server.Client.GetByteArrayAsync($"/derived/{id}-40x30.jpg")));
        await server.AssertNoServerFaultsAsync();
    }

    [Fact]
    public async Task Pictor_check_reports_an_undecodable_original_with_exit_code_1_until_it_is_replaced()
    {
        var id = "checkcut" + Guid.NewGuid().ToString("N")[..6];
        var good = Photo(".jpg");
        await server.Client.UploadOkAsync(id, good);
        CutStoredBytes(id);
        await (await server.Client.GetAsync($"/derived/{id}-64x48.jpg")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        var (found, report) = await PictorCommand.RunAsync(Settings, "check");
        Assert.True(found == 1, report);
        Assert.Contains($"undecodable-original: original '{id}' no longer decodes", report);

        var (repaired, repairReport) = await PictorCommand.RunAsync(Settings, "check", "--repair");
        Assert.True(repaired == 1, repairReport); // nothing --repair can do: only the owner can replace or delete it
        Assert.Contains($"undecodable-original: original '{id}'", repairReport);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"/original/{id}")).StatusCode); // its bytes are still served as they are

        var replace = await server.Client.PutRawAsync(id, good);
        Assert.Equal(HttpStatusCode.OK, replace.StatusCode);
        var (after, afterReport) = await PictorCommand.RunAsync(Settings, "check");
        Assert.DoesNotContain("undecodable-original", afterReport);
        Assert.True(after == 0, afterReport);
        await server.AssertNoServerFaultsAsync();
    }
}
