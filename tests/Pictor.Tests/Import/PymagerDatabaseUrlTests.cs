using Microsoft.Data.Sqlite;
using MySql.Data.MySqlClient;
using Npgsql;
using Pictor.Import;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Import;

/// <summary>The SQLAlchemy URLs pymager deployments were configured with, read as SQLAlchemy reads them.</summary>
public sealed class PymagerDatabaseUrlTests : IDisposable
{
    private readonly TempFolder _root = new("pictor-pymager-url");

    [Fact]
    public void Sqlite_urls_take_four_slashes_for_an_absolute_path_and_three_for_a_relative_one()
    {
        var file = Path.Combine(_root.Path, "pymager.sqlite");
        File.WriteAllBytes(file, []);
        var absolute = PymagerDatabaseUrl.Parse($"sqlite:///{file}");
        Assert.Equal(file, new SqliteConnectionStringBuilder(absolute.CreateConnection().ConnectionString).DataSource);
        Assert.Equal(SqliteOpenMode.ReadOnly, new SqliteConnectionStringBuilder(absolute.CreateConnection().ConnectionString).Mode);

        var relative = PymagerDatabaseUrl.Parse($"sqlite:///{Path.GetRelativePath(Environment.CurrentDirectory, file)}");
        Assert.Equal(file, new SqliteConnectionStringBuilder(relative.CreateConnection().ConnectionString).DataSource);

        Assert.Contains("does not exist", Assert.Throws<FormatException>(() => PymagerDatabaseUrl.Parse($"sqlite:///{file}.missing")).Message);
        Assert.Contains("in-memory", Assert.Throws<FormatException>(() => PymagerDatabaseUrl.Parse("sqlite://")).Message);
    }

    [Theory]
    [InlineData("postgres://pymager:s3cr%40t@db.example:5433/images")]
    [InlineData("postgresql://pymager:s3cr%40t@db.example:5433/images")]
    [InlineData("postgresql+psycopg2://pymager:s3cr%40t@db.example:5433/images?sslmode=disable")]
    public void Postgres_urls_give_host_port_user_password_and_database(string url)
    {
        var parsed = PymagerDatabaseUrl.Parse(url);
        var builder = new NpgsqlConnectionStringBuilder(parsed.CreateConnection().ConnectionString);
        Assert.Equal(("db.example", 5433, "pymager", "s3cr@t", "images"), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
        Assert.Equal("postgresql", parsed.Dialect);
        Assert.DoesNotContain("s3cr", parsed.Display);
    }

    [Theory]
    [InlineData("mysql://pymager:pw@127.0.0.1/images", 3306)]
    [InlineData("mysql+pymysql://pymager:pw@127.0.0.1:3307/images?charset=utf8", 3307)]
    [InlineData("mysql+mysqldb://pymager:pw@127.0.0.1:3307/images", 3307)]
    public void Mysql_urls_default_to_port_3306(string url, int port)
    {
        var builder = new MySqlConnectionStringBuilder(PymagerDatabaseUrl.Parse(url).CreateConnection().ConnectionString);
        Assert.Equal(("127.0.0.1", (uint)port, "pymager", "pw", "images"), (builder.Server, builder.Port, builder.UserID, builder.Password, builder.Database));
    }

    [Theory]
    [InlineData("db.sqlite", "not a SQLAlchemy database URL")]
    [InlineData("oracle://u:p@host/db", "not supported")]
    [InlineData("postgresql://u:p@host:port/db", "invalid port")]
    [InlineData("postgresql://u:p@host:5432/", "names no database")]
    public void Anything_else_is_refused_with_the_reason(string url, string reason) =>
        Assert.Contains(reason, Assert.Throws<FormatException>(() => PymagerDatabaseUrl.Parse(url)).Message);

    public void Dispose() => _root.Dispose();
}
