using System.Diagnostics;
using Microsoft.Extensions.Options;
using Pictor.Configuration;

namespace Pictor.Hosting;

/// <summary>
/// A graceful stop on SIGTERM, before Kestrel's own: stop listening (new connections are refused), answer every
/// further response with <c>Connection: close</c>, let the requests in flight complete, and leave idle
/// kept-alive connections to their client to close (<see cref="ShutdownOptions.IdleConnectionSeconds"/>), so that no
/// request is sent on a connection this instance is closing. All within <see cref="ShutdownOptions.DrainSeconds"/>,
/// the host's shutdown timeout; then Kestrel stops and closes whatever is left.
/// </summary>
public sealed class ShutdownDrain(DrainableListenerFactory listeners, IOptions<ShutdownOptions> options, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private int _connections;
    private int _requests;
    private volatile bool _draining;

    public bool Draining => _draining;

    public void ConnectionOpened() => Interlocked.Increment(ref _connections);

    public void ConnectionClosed() => Interlocked.Decrement(ref _connections);

    public void RequestStarted() => Interlocked.Increment(ref _requests);

    public void RequestEnded() => Interlocked.Decrement(ref _requests);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        var started = Stopwatch.GetTimestamp();
        await listeners.UnbindAllAsync();
        logger.LogInformation("Stopping: no longer accepting connections; draining {Requests} requests in flight on {Connections} connections (at most {Drain} s)",
            Volatile.Read(ref _requests), Volatile.Read(ref _connections), options.Value.DrainSeconds);
        var idle = TimeSpan.FromSeconds(options.Value.IdleConnectionSeconds);
        try
        {
            while (Volatile.Read(ref _connections) > 0 && (Volatile.Read(ref _requests) > 0 || Stopwatch.GetElapsedTime(started) < idle))
                await Task.Delay(Poll, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // DrainSeconds are over: Kestrel cuts off what is left.
        }
        logger.LogInformation("Drained in {Seconds:F1} s: {Requests} requests still in flight, {Connections} connections left to close",
            Stopwatch.GetElapsedTime(started).TotalSeconds, Volatile.Read(ref _requests), Volatile.Read(ref _connections));
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
