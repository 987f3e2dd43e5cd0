using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Pictor.Problems;

/// <summary>
/// Recognises a dependency that is down or refusing for now — the database unreachable, restarting or locked by
/// another process, the object store answering 5xx or not at all — so that the request is answered 503 with
/// Retry-After, not 500. Whatever it was doing had not committed, and the journal removes what it left.
/// </summary>
public static class DependencyDown
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Storage.ObjectStoreUnavailableException:
                case NpgsqlException { IsTransient: true }:
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                case AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError }:
                case AmazonClientException when e.InnerException is HttpRequestException or SocketException or TimeoutException or IOException:
                case HttpRequestException or SocketException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(Is):
                    return true;
            }
        }
        return false;
    }

    public static ProblemException Problem() => new(503, "dependency-unavailable", "Service unavailable",
        "A service Pictor depends on (its database or object store) is unavailable or busy; nothing of this request was kept. Try again shortly.")
    { RetryAfterSeconds = 5 };
}
