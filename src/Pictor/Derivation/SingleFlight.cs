using System.Collections.Concurrent;

namespace Pictor.Derivation;

/// <summary>Within one process: concurrent calls for the same key share one run of the work.</summary>
public sealed class SingleFlight<T>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _running = new(StringComparer.Ordinal);

    public Task<T> RunAsync(string key, Func<Task<T>> work)
    {
        var flight = new Lazy<Task<T>>(() => RunAndForgetAsync(key, work));
        var shared = _running.GetOrAdd(key, flight);
        return shared.Value;
    }

    private async Task<T> RunAndForgetAsync(string key, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        finally
        {
            _running.TryRemove(key, out _);
        }
    }
}
