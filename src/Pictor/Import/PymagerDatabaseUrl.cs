using System.Data.Common;
using Microsoft.Data.Sqlite;
using MySql.Data.MySqlClient;
using Npgsql;

namespace Pictor.Import;

/// <summary>
/// pymager's <c>[sqlalchemy] url</c>, the SQLAlchemy database URL its deployments were configured with
/// (<c>dialect[+driver]://user:password@host:port/database</c>), turned into a read-only ADO.NET connection:
/// <c>sqlite:////absolute/path.db</c> or <c>sqlite:///relative/path.db</c>; <c>postgres://</c>,
/// <c>postgresql://</c>, <c>postgresql+psycopg2://</c>, <c>postgresql+pg8000://</c>; <c>mysql://</c>,
/// <c>mysql+mysqldb://</c>, <c>mysql+pymysql://</c> (and <c>mariadb</c> likewise). Query parameters
/// (<c>?charset=utf8</c>, …) are SQLAlchemy driver options and are ignored.
/// </summary>
public sealed class PymagerDatabaseUrl
{
    private readonly Func<DbConnection> _open;

    private PymagerDatabaseUrl(string dialect, string display, Func<DbConnection> open)
    {
        Dialect = dialect;
        Display = display;
        _open = open;
    }

    /// <summary><c>sqlite</c>, <c>postgresql</c> or <c>mysql</c>.</summary>
    public string Dialect { get; }

    /// <summary>The URL without its password, for messages.</summary>
    public string Display { get; }

    public DbConnection CreateConnection() => _open();

    /// <exception cref="FormatException">The URL is not one of the forms above; the message says why.</exception>
    public static PymagerDatabaseUrl Parse(string url)
    {
        var separator = url.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0) throw new FormatException($"'{url}' is not a SQLAlchemy database URL (dialect://…), e.g. sqlite:////var/lib/pymager/db.sqlite.");
        var scheme = url[..separator].ToLowerInvariant();
        var rest = url[(separator + 3)..];
        var dialect = scheme.Split('+')[0];
        return dialect switch
        {
            "sqlite" => Sqlite(rest),
            "postgres" or "postgresql" => Server(url, "postgresql", rest, 5432, (host, port, user, password, database) => new NpgsqlConnection(new NpgsqlConnectionStringBuilder
            {
                Host = host, Port = port, Username = user, Password = password, Database = database, Pooling = false,
            }.ConnectionString)),
            "mysql" or "mariadb" => Server(url, "mysql", rest, 3306, (host, port, user, password, database) => new MySqlConnection(new MySqlConnectionStringBuilder
            {
                Server = host, Port = (uint)port, UserID = user, Password = password, Database = database, Pooling = false,
                SslMode = MySqlSslMode.Disabled, AllowPublicKeyRetrieval = true, ConvertZeroDateTime = true,
            }.ConnectionString)),
            _ => throw new FormatException($"The database '{scheme}' is not supported: pymager deployments used sqlite, postgresql or mysql URLs."),
        };
    }

    /// <summary><c>sqlite:///relative</c> (three slashes) or <c>sqlite:////absolute</c> (four), as SQLAlchemy reads them.</summary>
    private static PymagerDatabaseUrl Sqlite(string rest)
    {
        if (!rest.StartsWith('/') || rest.Length == 1)
            throw new FormatException("A SQLite URL needs a file: sqlite:////absolute/path.db or sqlite:///relative/path.db (an in-memory database holds nothing to import).");
        var path = Path.GetFullPath(Uri.UnescapeDataString(StripQuery(rest[1..])));
        if (!File.Exists(path)) throw new FormatException($"The SQLite database '{path}' does not exist.");
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString;
        return new PymagerDatabaseUrl("sqlite", $"sqlite:///{path}", () => new SqliteConnection(connection));
    }

    private static PymagerDatabaseUrl Server(string url, string dialect, string rest, int defaultPort, Func<string, int, string?, string?, string, DbConnection> open)
    {
        rest = StripQuery(rest);
        var slash = rest.IndexOf('/');
        var database = slash < 0 ? "" : Uri.UnescapeDataString(rest[(slash + 1)..]);
        var authority = slash < 0 ? rest : rest[..slash];
        if (database.Length == 0) throw new FormatException($"'{Redact(url)}' names no database: {dialect}://user:password@host:port/database.");

        string? user = null, password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var credentials = authority[..at];
            authority = authority[(at + 1)..];
            var colon = credentials.IndexOf(':');
            user = Uri.UnescapeDataString(colon < 0 ? credentials : credentials[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(credentials[(colon + 1)..]);
        }

        var host = authority;
        var port = defaultPort;
        var portAt = authority.LastIndexOf(':');
        if (portAt >= 0 && !authority.EndsWith(']'))
        {
            host = authority[..portAt];
            if (!int.TryParse(authority[(portAt + 1)..], out port) || port is <= 0 or > 65535)
                throw new FormatException($"'{Redact(url)}' has an invalid port '{authority[(portAt + 1)..]}'.");
        }
        host = host.Trim('[', ']');
        if (host.Length == 0) host = "localhost";
        return new PymagerDatabaseUrl(dialect, Redact(url), () => open(host, port, user, password, database));
    }

    private static string StripQuery(string text) => text.IndexOf('?') is var q and >= 0 ? text[..q] : text;

    /// <summary>The URL with its password replaced by <c>***</c>.</summary>
    private static string Redact(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var at = url.IndexOf('@', start);
        var slash = url.IndexOf('/', start);
        if (at < 0 || (slash >= 0 && slash < at)) return url;
        var colon = url.IndexOf(':', start);
        return colon >= 0 && colon < at ? url[..(colon + 1)] + "***" + url[at..] : url;
    }
}
