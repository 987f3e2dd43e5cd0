namespace Pictor.Configuration;

public sealed class DatabaseOptions
{
    public const string Section = "Pictor:Database";

    /// <summary><c>sqlite</c>, <c>postgres</c> or <c>mysql</c> (MySQL or MariaDB; <c>mariadb</c> is accepted too).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Empty means <c>pictor.db</c> under the data directory (SQLite only).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite: how long a write waits for the lock another process holds before it is answered 503.</summary>
    public int BusyTimeoutSeconds { get; set; } = 30;
}
