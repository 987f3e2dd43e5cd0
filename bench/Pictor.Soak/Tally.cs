using System.Collections.Concurrent;

namespace Pictor.Soak;

/// <summary>Responses by operation and status, and latencies by operation; safe to add to from every client.</summary>
public sealed class Tally
{
    private readonly ConcurrentDictionary<(Operation, int), int> _statuses = new();
    private readonly ConcurrentDictionary<Operation, ConcurrentBag<double>> _milliseconds = new();
    private int _transportErrors;

    public void Add(Operation operation, int status, double milliseconds)
    {
        _statuses.AddOrUpdate((operation, status), 1, (_, n) => n + 1);
        _milliseconds.GetOrAdd(operation, _ => []).Add(milliseconds);
    }

    public void TransportError() => Interlocked.Increment(ref _transportErrors);

    public int TransportErrors => _transportErrors;

    public int Total => _statuses.Values.Sum();

    public int ServerErrors => _statuses.Where(s => s.Key.Item2 >= 500).Sum(s => s.Value);

    public IEnumerable<(Operation Operation, int Status, int Count)> Statuses() =>
        _statuses.OrderBy(s => s.Key.Item1).ThenBy(s => s.Key.Item2).Select(s => (s.Key.Item1, s.Key.Item2, s.Value));

    /// <summary>Count, median and 99th percentile of the latencies of <paramref name="operation"/>.</summary>
    public (int Count, double P50, double P99) Latency(Operation operation)
    {
        if (!_milliseconds.TryGetValue(operation, out var bag) || bag.IsEmpty) return (0, 0, 0);
        var sorted = bag.Order().ToArray();
        return (sorted.Length, sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]);
    }
}
