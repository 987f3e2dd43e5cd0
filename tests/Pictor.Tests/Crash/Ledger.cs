namespace Pictor.Tests.Crash;

/// <summary>
/// What each original may hold, from what clients were told: after a 201/200 exactly the bytes sent,
/// after a 204 nothing, and after a request the kill interrupted either the state before or the one the
/// request asked for. A restart's check narrows every ID back to the one state found.
/// </summary>
public sealed class Ledger
{
    /// <summary>SHA-256 (hex) of the bytes an ID may hold; null stands for "absent".</summary>
    private readonly Dictionary<string, HashSet<string?>> _possible = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    public int Acknowledged { get; private set; }

    public int AcknowledgedDeletes { get; private set; }

    public void Acknowledge(string id, string? sha256)
    {
        lock (_lock)
        {
            _possible[id] = [sha256];
            if (sha256 is null) AcknowledgedDeletes++; else Acknowledged++;
        }
    }

    /// <summary>A request whose answer never came: it may or may not have taken effect.</summary>
    public void MayHaveHappened(string id, string? sha256)
    {
        lock (_lock)
        {
            if (!_possible.TryGetValue(id, out var states)) _possible[id] = states = [null];
            states.Add(sha256);
        }
    }

    public IReadOnlyCollection<string?> Possible(string id)
    {
        lock (_lock) return _possible.TryGetValue(id, out var states) ? states.ToList() : [null];
    }

    public IReadOnlyList<string> Ids()
    {
        lock (_lock) return _possible.Keys.ToList();
    }

    /// <summary>What the server holds now; fails the test if clients were told otherwise.</summary>
    public void Settle(string id, string? found)
    {
        lock (_lock)
        {
            var possible = _possible.TryGetValue(id, out var states) ? states : [null];
            Assert.True(possible.Contains(found),
                $"'{id}' holds {found ?? "nothing"}, but clients were told it holds {string.Join(" or ", possible.Select(p => p ?? "nothing"))}");
            _possible[id] = [found];
        }
    }
}
