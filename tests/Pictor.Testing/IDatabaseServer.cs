using System.Data.Common;

namespace Pictor.Tests.Infrastructure;

/// <summary>A database server the tests started (<see cref="PostgresServer"/>, <see cref="MariaDbServer"/>).</summary>
public interface IDatabaseServer : IDisposable
{
    /// <summary>What an operator writes in <c>Pictor:Database:Provider</c> for this server.</summary>
    string Provider { get; }

    string ConnectionString(string database);

    /// <summary>A new, empty database; each factory gets its own so tests stay independent.</summary>
    Task<string> CreateDatabaseAsync();

    /// <summary>
    /// An open, unpooled connection to <paramref name="database"/> on which the tests' SQL runs as written for
    /// every server: names in double quotes, parameters as <c>@name</c>.
    /// </summary>
    Task<DbConnection> OpenAsync(string database);

    /// <summary>Drops idle pooled connections to <paramref name="database"/> (they would pile up on the shared server).</summary>
    void ClearPool(string database);
}
