using Microsoft.Extensions.Options;
using Pictor.Configuration;

namespace Pictor.Consistency;

/// <summary>Runs <see cref="Recovery"/> every <c>Pictor:Consistency:SweepIntervalSeconds</c>.</summary>
public sealed class RecoveryService(Recovery recovery, IOptions<ConsistencyOptions> options, ILogger<RecoveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.SweepIntervalSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await recovery.RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Periodic recovery failed; it runs again in {Seconds}s", options.Value.SweepIntervalSeconds);
            }
        }
    }
}
