using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Pictor.Configuration;

namespace Pictor.Api;

/// <summary>
/// Counts failed authentications per client address (a fixed one-minute window each, from
/// System.Threading.RateLimiting). Once an address has used up its failures, its requests with credentials are
/// refused before any key is compared, so guessing gets no faster by ignoring the 429s; addresses that never
/// fail, and valid keys from them, pay nothing.
/// </summary>
public sealed class FailedAuthLimiter : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<string>? _limiter;

    public FailedAuthLimiter(IOptions<AuthOptions> options)
    {
        var limit = options.Value.FailuresPerMinute;
        if (limit <= 0) return;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = Window, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>True while the address may still try a key.</summary>
    public bool MayTry(string address) => _limiter is null || _limiter.GetStatistics(address)?.CurrentAvailablePermits != 0;

    /// <summary>Counts one failure of the address.</summary>
    public void Failed(string address)
    {
        using var _ = _limiter?.AttemptAcquire(address);
    }

    public static int RetryAfterSeconds => (int)Window.TotalSeconds;

    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => _limiter?.Dispose();
}
