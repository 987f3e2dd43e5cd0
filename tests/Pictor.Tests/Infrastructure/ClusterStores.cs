namespace Pictor.Tests.Infrastructure;

/// <summary>
/// A database (PostgreSQL or MariaDB) and a bucket of their own on the shared test servers, and the settings with which an
/// operator points any number of Pictor instances at them (cluster mode).
/// </summary>
public sealed class ClusterStores
{
    private ClusterStores(IDatabaseServer server, S3Server s3, string database, string bucket)
    {
        Server = server;
        S3 = s3;
        Database = database;
        Bucket = bucket;
    }

    /// <summary>PostgreSQL or MariaDB.</summary>
    public IDatabaseServer Server { get; }

    public S3Server S3 { get; }

    public string Database { get; }

    public string Bucket { get; }

    public string ConnectionString => Server.ConnectionString(Database);

    public static async Task<ClusterStores> CreateAsync(DatabaseBackend backend = DatabaseBackend.Postgres)
    {
        var server = await TestServers.DatabaseAsync(backend);
        var s3 = await TestServers.S3Async();
        return new ClusterStores(server, s3, await server.CreateDatabaseAsync(), await s3.CreateBucketAsync());
    }

    /// <summary>Database and storage settings (everything else keeps its default).</summary>
    public Dictionary<string, string?> Settings()
    {
        var settings = S3.Settings(Bucket);
        settings["Pictor:Database:Provider"] = Server.Provider;
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

    /// <summary>
    /// A query straight to the database, to watch what the instances do (leases, records): names in double
    /// quotes and parameters as <c>@name</c> on every server (<see cref="IDatabaseServer.OpenAsync"/>).
    /// </summary>
    public async Task<T?> QueryAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Server.OpenAsync(Database);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)Convert.ChangeType(result, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Drops idle pooled connections to this database (they would pile up on the shared server).</summary>
    public void ClearPool() => Server.ClearPool(Database);
}
