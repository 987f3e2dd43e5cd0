using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Pictor.Metadata;

public static class DerivedQueries
{
    private static readonly string ReadySql =
        "SELECT \"OriginalGeneration\", \"StorageKey\", \"Format\", \"Width\", \"Height\", \"Bytes\", \"Sha256\", \"CreatedAt\" " +
        $"FROM derived WHERE \"OriginalId\" = @id AND \"Variant\" = @variant AND \"State\" = {(int)DerivedState.Ready}";

    /// <summary>
    /// The ready derived image, or null. Every cached hit and revalidation asks this, so it is one plain
    /// SQL statement on the context's pooled connection: through EF's LINQ pipeline the same lookup cost
    /// 42 µs of CPU, as a compiled query 28 µs, this way 7 µs (SQLite; bench/). Always the database's
    /// current answer: a DELETE committed on any instance is seen by the next request.
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
            command.CommandText = ReadySql;
            Add(command, "@id", originalId);
            Add(command, "@variant", variant);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return null;
            return new DerivedRecord
            {
                OriginalId = originalId, Variant = variant, State = DerivedState.Ready,
                OriginalGeneration = reader.GetString(0), StorageKey = reader.GetString(1), Format = reader.GetString(2),
                Width = reader.GetInt32(3), Height = reader.GetInt32(4), Bytes = reader.GetInt64(5),
                Sha256 = reader.IsDBNull(6) ? null : reader.GetString(6), CreatedAt = reader.GetDateTime(7),
            };
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
