using Microsoft.Data.Sqlite;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// The data directory (SQLite and file blobs) of the built program run by a test (<see cref="PictorProcess"/>,
/// <see cref="PictorCommand"/>), under <paramref name="root"/>: its settings, and ways to look at it and break it
/// as a disk fault or an operator would.
/// </summary>
public sealed class ProgramDataDirectory(string root)
{
    public string Path { get; } = System.IO.Path.Combine(root, "data");

    public Dictionary<string, string> Settings => new()
    {
        ["Pictor:DataDirectory"] = Path,
        ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
    };

    public string Blobs => System.IO.Path.Combine(Path, "blobs");

    public string BlobPath(string key) => System.IO.Path.Combine(Blobs, key);

    /// <summary>The one value <paramref name="sql"/> selects from the program's database.</summary>
    public string Scalar(string sql)
    {
        using var db = new SqliteConnection($"Data Source={System.IO.Path.Combine(Path, "pictor.db")};Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }
}
