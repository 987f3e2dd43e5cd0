using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using MySql.EntityFrameworkCore.Extensions;

namespace Pictor.Metadata;

public static class DerivedQueries
{
    /// <summary>The lookup with ANSI-quoted names (SQLite, PostgreSQL).</summary>
    internal static readonly string ReadySql = Ready(name => $"\"{name}\"");

    /// <summary>The same with MySQL's quotes (double quotes are string literals there).</summary>
    private static readonly string MySqlReadySql = Ready(name => $"`{name}`");

    private static string Ready(Func<string, string> quote) =>
        $"SELECT {string.Join(", ", new[] { "OriginalGeneration", "StorageKey", "Format", "Width", "Height", "Bytes", "Sha256", "CreatedAt", "LastAccessAt" }.Select(quote))} " +
        $"FROM derived WHERE {quote("OriginalId")} = @id AND {quote("Variant")} = @variant AND {quote("State")} = {(int)DerivedState.Ready}";

    /// <summary>
    /// The ready derived image, or null: one plain SQL statement on the context's pooled connection
    /// (<see cref="ReadyDerivedLookup"/> says why not LINQ). Always the database's current answer.
    /// </summary>
    public static async Task<DerivedRecord?> FindReadyAsync(this PictorDbContext db, string originalId, string variant, CancellationToken cancellationToken)
    {
        // Opened directly rather than through EF, which on every open registers its SQL functions with
        // SQLite (a dozen sqlite3_create_function calls) that this statement does not use.
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = db.Database.IsMySql() ? MySqlReadySql : ReadySql;
            Add(command, "@id", originalId);
            Add(command, "@variant", variant);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadReady(reader, originalId, variant) : null;
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    /// <summary>The record from a row of <see cref="ReadySql"/>.</summary>
    internal static DerivedRecord ReadReady(DbDataReader reader, string originalId, string variant) => new()
    {
        OriginalId = originalId, Variant = variant, State = DerivedState.Ready,
        OriginalGeneration = reader.GetString(0), StorageKey = reader.GetString(1), Format = reader.GetString(2),
        Width = reader.GetInt32(3), Height = reader.GetInt32(4), Bytes = reader.GetInt64(5),
        Sha256 = reader.IsDBNull(6) ? null : reader.GetString(6), CreatedAt = reader.GetDateTime(7), LastAccessAt = reader.GetDateTime(8),
    };

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
