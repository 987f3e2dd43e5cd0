using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using MySql.Data.MySqlClient;
using Npgsql;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Import;

/// <summary>
/// A pymager database as its deployments had it: the tables of pymager's SQLAlchemy mapping
/// (github.com/pymager/pymager, pymager/persistence/impl/sqlalchemyschemamigrator.py) created with the DDL
/// SQLAlchemy emits for them on that database, and rows written as SQLAlchemy wrote them.
/// </summary>
public sealed class PymagerDatabase
{
    private readonly Func<DbConnection> _connect;
    private readonly string _timestampType;
    private readonly bool _datesAsText;
    private readonly bool _wholeSeconds;

    private PymagerDatabase(string url, Func<DbConnection> connect, string timestampType, bool datesAsText, bool wholeSeconds = false)
    {
        _wholeSeconds = wholeSeconds;
        Url = url;
        _connect = connect;
        _timestampType = timestampType;
        _datesAsText = datesAsText;
    }

    /// <summary>The SQLAlchemy URL pymager was configured with.</summary>
    public string Url { get; }

    /// <summary><c>sqlite:////{file}</c>; SQLAlchemy stores DateTime as ISO text there.</summary>
    public static PymagerDatabase Sqlite(string file) =>
        new($"sqlite:///{file}", () => new SqliteConnection($"Data Source={file};Pooling=False"), "DATETIME", datesAsText: true);

    /// <summary>A new database on the shared test PostgreSQL, as <c>postgresql+psycopg2://user:password@host:port/db</c>.</summary>
    public static async Task<PymagerDatabase> PostgresAsync()
    {
        var server = await TestServers.PostgresAsync();
        var name = await server.CreateDatabaseAsync();
        var connection = server.ConnectionString(name) + ";Pooling=false";
        return new($"postgresql+psycopg2://{PostgresServer.User}:unused%40pass@127.0.0.1:{server.Port}/{name}",
            () => new NpgsqlConnection(connection), "TIMESTAMP WITHOUT TIME ZONE", datesAsText: false);
    }

    /// <summary>A new database on the shared test MariaDB, as <c>mysql+pymysql://user:password@host:port/db?charset=utf8</c>.</summary>
    public static async Task<PymagerDatabase> MariaDbAsync()
    {
        var server = await TestServers.MariaDbAsync();
        var name = await server.CreateDatabaseAsync();
        var connection = server.ConnectionString(name) + ";Pooling=false";
        return new($"mysql+pymysql://{MariaDbServer.User}:{Uri.EscapeDataString(MariaDbServer.Password)}@127.0.0.1:{server.Port}/{name}?charset=utf8",
            () => new MySqlConnection(connection), "DATETIME", datesAsText: false, wholeSeconds: true);
    }

    /// <summary>The time as the database keeps it: SQLAlchemy's DATETIME on MySQL has no fractional seconds (MariaDB truncates).</summary>
    public DateTime Stored(DateTime time) => _wholeSeconds ? time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond)) : time;

    public async Task CreateSchemaAsync()
    {
        string[] ddl =
        [
            $"""
            CREATE TABLE abstract_item (
            	id VARCHAR(255) NOT NULL, 
            	status VARCHAR(255) NOT NULL, 
            	last_status_change_date {_timestampType} NOT NULL, 
            	width INTEGER NOT NULL, 
            	height INTEGER NOT NULL, 
            	format VARCHAR(255) NOT NULL, 
            	type VARCHAR(255) NOT NULL, 
            	PRIMARY KEY (id)
            )
            """,
            "CREATE INDEX ix_abstract_item_status ON abstract_item (status)",
            "CREATE INDEX ix_abstract_item_last_status_change_date ON abstract_item (last_status_change_date)",
            "CREATE INDEX ix_abstract_item_width ON abstract_item (width)",
            "CREATE INDEX ix_abstract_item_height ON abstract_item (height)",
            "CREATE INDEX ix_abstract_item_format ON abstract_item (format)",
            """
            CREATE TABLE original_image_metadata (
            	id VARCHAR(255) NOT NULL, 
            	PRIMARY KEY (id), 
            	FOREIGN KEY(id) REFERENCES abstract_item (id)
            )
            """,
            """
            CREATE TABLE derived_image_metadata (
            	id VARCHAR(255) NOT NULL, 
            	original_image_metadata_id VARCHAR(255), 
            	PRIMARY KEY (id), 
            	FOREIGN KEY(id) REFERENCES abstract_item (id), 
            	FOREIGN KEY(original_image_metadata_id) REFERENCES original_image_metadata (id) ON DELETE CASCADE
            )
            """,
        ];
        await using var connection = await OpenAsync();
        foreach (var statement in ddl)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Rows as pymager's mapper inserted them (joined-table inheritance: abstract_item, then the subtype's table), in one transaction.</summary>
    public async Task InsertAsync(IEnumerable<PymagerRow> rows)
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var row in rows)
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO abstract_item (id, status, last_status_change_date, width, height, format, type) VALUES (@id, @status, @date, @width, @height, @format, @type)",
                ("id", row.Id), ("status", row.Status), ("date", _datesAsText ? row.Date.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) : DateTime.SpecifyKind(row.Date, DateTimeKind.Unspecified)),
                ("width", row.Width), ("height", row.Height), ("format", row.Format), ("type", row.OriginalId is null ? "ORIGINAL_ITEM" : "DERIVED_ITEM"));
            if (row.OriginalId is null)
                await ExecuteAsync(connection, transaction, "INSERT INTO original_image_metadata (id) VALUES (@id)", ("id", row.Id));
            else
                await ExecuteAsync(connection, transaction, "INSERT INTO derived_image_metadata (id, original_image_metadata_id) VALUES (@id, @original)", ("id", row.Id), ("original", row.OriginalId));
        }
        await transaction.CommitAsync();
    }

    private async Task<DbConnection> OpenAsync()
    {
        var connection = _connect();
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync();
    }
}
