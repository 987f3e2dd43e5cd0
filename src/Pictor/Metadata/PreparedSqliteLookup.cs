using System.Data;
using Microsoft.Data.Sqlite;

namespace Pictor.Metadata;

/// <summary>An open SQLite connection with <see cref="DerivedQueries.ReadySql"/> prepared on it; one caller at a time.</summary>
internal sealed class PreparedSqliteLookup : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _id;
    private readonly SqliteParameter _variant;

    public PreparedSqliteLookup(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _command = _connection.CreateCommand();
        _command.CommandText = DerivedQueries.ReadySql;
        _id = _command.Parameters.Add("@id", SqliteType.Text);
        _variant = _command.Parameters.Add("@variant", SqliteType.Text);
        _command.Prepare();
    }

    /// <summary>An autocommit read: it sees every transaction committed before it starts.</summary>
    public DerivedRecord? Find(string originalId, string variant)
    {
        _id.Value = originalId;
        _variant.Value = variant;
        // Disposing the reader resets the statement, which ends the read transaction (so checkpoints proceed).
        using var reader = _command.ExecuteReader(CommandBehavior.SingleRow);
        return reader.Read() ? DerivedQueries.ReadReady(reader, originalId, variant) : null;
    }

    public void Dispose()
    {
        _command.Dispose();
        _connection.Dispose();
    }
}
