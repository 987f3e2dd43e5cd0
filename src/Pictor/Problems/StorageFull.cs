using Microsoft.Data.Sqlite;
using Npgsql;

namespace Pictor.Problems;

/// <summary>
/// Recognises "no space left" wherever it surfaces — a file write (ENOSPC, EDQUOT), SQLite (SQLITE_FULL),
/// PostgreSQL (53100 disk_full) — so that it is answered 507, not 500. The work that failed left nothing
/// behind that the journal does not remove: temp files are deleted by their owners, blobs were journalled.
/// </summary>
public static class StorageFull
{
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int SqliteFull = 13;

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case IOException io when io.HResult is Enospc or Edquot || io.Message.Contains("No space left on device", StringComparison.Ordinal):
                case SqliteException { SqliteErrorCode: SqliteFull }:
                case PostgresException { SqlState: PostgresErrorCodes.DiskFull }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(Is):
                    return true;
            }
        }
        return false;
    }

    public static ProblemException Problem() => new(507, "insufficient-storage", "Insufficient storage",
        "The service has no space left to store this; nothing of the request was kept. Try again later.")
    { RetryAfterSeconds = 60 };
}
