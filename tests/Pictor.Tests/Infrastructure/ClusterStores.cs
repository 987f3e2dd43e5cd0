using Npgsql;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// A database and a bucket of their own on the shared test servers, and the settings with which an
/// operator points any number of Pictor instances at them (cluster mode).
/// </summary>
public sealed class ClusterStores
{
    private ClusterStores(PostgresServer postgres, S3Server s3, string database, string bucket)
    {
        Postgres = postgres;
        S3 = s3;
        Database = database;
        Bucket = bucket;
    }

    public PostgresServer Postgres { get; }

    public S3Server S3 { get; }

    public string Database { get; }

    public string Bucket { get; }

    public string ConnectionString => Postgres.ConnectionString(Database);

    public static async Task<ClusterStores> CreateAsync()
    {
        var postgres = await TestServers.PostgresAsync();
        var s3 = await TestServers.S3Async();
        return new ClusterStores(postgres, s3, await postgres.CreateDatabaseAsync(), await s3.CreateBucketAsync());
    }

    /// <summary>Database and storage settings (everything else keeps its default).</summary>
    public Dictionary<string, string?> Settings()
    {
        var settings = S3.Settings(Bucket);
        settings["Pictor:Database:Provider"] = "postgres";
        settings["Pictor:Database:ConnectionString"] = ConnectionString;
        return settings;
    }

    /// <summary>The settings of one instance (a <see cref="PictorProcess"/>): its own local data directory for temp files.</summary>
    public Dictionary<string, string> InstanceSettings(string dataDirectory, IDictionary<string, string>? extra = null)
    {
        var settings = Settings().ToDictionary(s => s.Key, s => s.Value ?? "");
        settings["Pictor:DataDirectory"] = dataDirectory;
        settings["Pictor:ApiKeys:0"] = PictorFactory.ApiKey;
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        return settings;
    }

    public Task<List<string>> KeysAsync() => S3.KeysAsync(Bucket);

    /// <summary>A query straight to the database, to watch what the instances do (leases, records).</summary>
    public async Task<T?> QueryAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    /// <summary>Drops idle pooled connections to this database (they would pile up on the shared server).</summary>
    public void ClearPool() => NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
}
