namespace Pictor.Tests.Infrastructure;

/// <summary>The database servers cluster mode is tested on.</summary>
public enum DatabaseBackend
{
    Postgres,
    MariaDb,
}
