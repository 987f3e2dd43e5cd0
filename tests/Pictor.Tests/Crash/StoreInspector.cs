using Microsoft.Data.Sqlite;

namespace Pictor.Tests.Crash;

/// <summary>
/// Reads a data directory the way an auditor would, beside the running server: the SQLite database
/// (read-only), the blob files and the temp area. Lists whatever a finished recovery must not leave.
/// </summary>
public sealed class StoreInspector(string dataDirectory)
{
    public sealed record Counts(int Originals, int Derived, int Blobs);

    /// <summary>Unreferenced blobs, records without blobs, unfinished records and temp files; empty when clean.</summary>
    public List<string> Leftovers(out Counts counts)
    {
        var problems = new List<string>();
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var unfinished = new HashSet<string>(StringComparer.Ordinal); // their blob may or may not be written yet
        int originals = 0, derived = 0;
        using (var db = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "pictor.db")};Mode=ReadOnly;Pooling=False"))
        {
            db.Open();
            foreach (var (key, size) in Query(db, "SELECT StorageKey, Width || ' ' || Height || ' ' || Frames FROM originals"))
            {
                referenced.Add(key);
                referenced.UnionWith(LevelKeys(key, size));
                originals++;
            }
            foreach (var (key, state) in Query(db, "SELECT StorageKey, State FROM derived"))
            {
                referenced.Add(key);
                derived++;
                if (state == "1") continue;
                unfinished.Add(key);
                problems.Add($"unfinished derived record: {key}");
            }
            foreach (var (key, due) in Query(db, "SELECT StorageKey, DeleteAfter || ' owner ' || coalesce(Owner, 'none') FROM blob_journal"))
                problems.Add($"journal entry: {key} due {due}");
        }

        var blobRoot = Path.Combine(dataDirectory, "blobs");
        var blobs = Directory.Exists(blobRoot)
            ? Directory.EnumerateFiles(blobRoot, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(blobRoot, f).Replace('\\', '/')).ToHashSet(StringComparer.Ordinal)
            : [];
        problems.AddRange(blobs.Where(b => !referenced.Contains(b)).Select(b => $"unreferenced blob: {b}"));
        problems.AddRange(referenced.Where(r => !blobs.Contains(r) && !unfinished.Contains(r)).Select(r => $"record without its blob: {r}"));

        var tempFolders = Directory.EnumerateDirectories(Path.Combine(dataDirectory, "tmp")).ToList();
        problems.AddRange(tempFolders.Skip(1).Select(f => $"temp folder of another instance: {Path.GetFileName(f)}")); // one is the live instance's
        problems.AddRange(tempFolders.SelectMany(f => Directory.EnumerateFileSystemEntries(f)).Where(f => Path.GetFileName(f) != ".lock").Select(f => $"temp file: {f}"));

        counts = new Counts(originals, derived, blobs.Count);
        return problems;
    }

    /// <summary>
    /// README "Levels": a still original has a level of each long side 2048, 1448, 1024, 724, 512 below its own, stored
    /// under its key with <c>levels/</c> for <c>originals/</c> and the long side appended.
    /// </summary>
    private static IEnumerable<string> LevelKeys(string originalKey, string size)
    {
        var parts = size.Split(' ').Select(int.Parse).ToArray();
        if (parts[2] > 1) yield break;
        foreach (var side in new[] { 2048, 1448, 1024, 724, 512 }.Where(l => l < Math.Max(parts[0], parts[1])))
            yield return $"levels/{originalKey["originals/".Length..]}-{side}";
    }

    /// <summary>Blobs whose bytes do not hash to the SHA-256 their record holds: torn or mixed-up writes.</summary>
    public IEnumerable<string> BlobsNotMatchingTheirRecords()
    {
        List<(string Key, string Sha256)> records;
        using (var db = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "pictor.db")};Mode=ReadOnly;Pooling=False"))
        {
            db.Open();
            records = [.. Query(db, "SELECT StorageKey, Sha256 FROM originals UNION ALL SELECT StorageKey, Sha256 FROM derived WHERE State = 1")];
        }
        foreach (var (key, sha256) in records)
        {
            var path = Path.Combine(dataDirectory, "blobs", key);
            if (!File.Exists(path)) continue; // reported by Leftovers
            var actual = ImagePool.Hash(File.ReadAllBytes(path));
            if (actual != sha256) yield return $"blob {key} hashes to {actual}, its record says {sha256}";
        }
    }

    private static List<(string, string)> Query(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read()) rows.Add((reader.GetValue(0).ToString()!, reader.GetValue(1).ToString()!));
        return rows;
    }
}
