using System.Data.Common;
using System.Globalization;

namespace Pictor.Import;

/// <summary>
/// Reads a pymager database. Its schema, from pymager's SQLAlchemy mapping
/// (github.com/pymager/pymager, <c>pymager/persistence/impl/sqlalchemyschemamigrator.py</c>, and the same
/// tables in <c>migration/pymager_db/versions/001_initial_db_schema.py</c>): <c>abstract_item</c> (<c>id</c>
/// String(255) primary key, <c>status</c>, <c>last_status_change_date</c> DateTime, <c>width</c>, <c>height</c>,
/// <c>format</c>, <c>type</c> = ORIGINAL_ITEM / DERIVED_ITEM, the joined-table inheritance discriminator);
/// <c>original_image_metadata</c> (<c>id</c> → abstract_item.id); <c>derived_image_metadata</c> (<c>id</c> →
/// abstract_item.id, <c>original_image_metadata_id</c>). Status values are pymager.domain's <c>OK</c> and
/// <c>INCONSISTENT</c>.
/// </summary>
public sealed class PymagerCatalogue(PymagerDatabaseUrl url)
{
    public const string StatusOk = "OK";

    public async Task<IReadOnlyList<PymagerOriginal>> OriginalsAsync(CancellationToken cancellationToken)
    {
        await using var connection = url.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT a.id, a.status, a.last_status_change_date, a.width, a.height, a.format " +
            "FROM abstract_item a JOIN original_image_metadata o ON o.id = a.id ORDER BY a.id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<PymagerOriginal>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PymagerOriginal(
                reader.GetString(0), reader.GetString(1), Utc(reader.GetValue(2)),
                Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture),
                reader.GetString(5)));
        }
        return rows;
    }

    /// <summary>Derived images pymager had made: not copied (Pictor makes them again on first request), only counted.</summary>
    public async Task<long> DerivedCountAsync(CancellationToken cancellationToken)
    {
        await using var connection = url.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM derived_image_metadata";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// SQLAlchemy's DateTime is a naive timestamp: <c>TIMESTAMP WITHOUT TIME ZONE</c> in PostgreSQL,
    /// <c>DATETIME</c> in MySQL, and text (<c>2009-03-14 15:09:26.535897</c>) in SQLite. pymager wrote UTC.
    /// </summary>
    private static DateTime Utc(object value) => value switch
    {
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        string s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => throw new FormatException($"last_status_change_date holds {value.GetType().Name} '{value}', not a date and time."),
    };
}
