using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Pictor.Configuration;

namespace Pictor.Caching;

/// <summary>
/// Hot small derived images in memory, by request path, bounded by <c>Pictor:Cache:MemoryBytes</c>. An image is
/// admitted the second time its path misses (one-off requests never displace hot ones) and only if it is at most
/// <c>Pictor:Cache:MemoryItemBytes</c>; when full, a second-chance sweep evicts what was not served since the last one.
/// <para>
/// Never stale beyond what the database says: every delete, replace, purge and focal-point change in this process
/// drops the original's entries after its commit (<see cref="Invalidate"/>), and <see cref="ChangeWatcher"/> drops
/// everything when another process's change raises the database's change counter. An admission carries the
/// <see cref="Ticket"/> taken before its database lookup and is refused if anything was dropped since, so an
/// answer read before a change can never be kept after it.
/// </para>
/// <para>
/// An eviction under <c>Pictor:Derivation:MaxStoredBytes</c> leaves what is held here alone: an evicted image is
/// made again identical (same bytes, same ETag), so serving it from memory meanwhile is still right.
/// </para>
/// </summary>
public sealed class HitCache(IOptions<CacheOptions> options)
{
    /// <summary>Paths seen once are remembered up to this many (then forgotten all at once).</summary>
    private const int MaxSeen = 16_384;

    private readonly ConcurrentDictionary<string, CachedImage> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly long _capacity = options.Value.MemoryBytes;
    private readonly long _itemLimit = Math.Min(options.Value.MemoryItemBytes, options.Value.MemoryBytes);
    private long _generation;
    private long _bytes;
    private int _seenCount;

    public bool Enabled => _capacity > 0;

    public bool IsEmpty => _entries.IsEmpty;

    /// <summary>Bytes held now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public int Count => _entries.Count;

    /// <summary>Taken before a database lookup whose answer may be admitted.</summary>
    public long Ticket() => Interlocked.Read(ref _generation);

    public bool TryGet(string path, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out CachedImage image)
    {
        if (!_entries.TryGetValue(path, out image)) return false;
        if (!image.Referenced) image.Referenced = true;
        return true;
    }

    /// <summary>Whether an image of <paramref name="length"/> bytes at <paramref name="path"/> should be admitted now: small enough, and missed before.</summary>
    public bool WantsAdmission(string path, long length)
    {
        if (!Enabled || length > _itemLimit) return false;
        if (_seen.ContainsKey(path)) return true;
        if (Interlocked.Increment(ref _seenCount) > MaxSeen)
        {
            _seen.Clear();
            Interlocked.Exchange(ref _seenCount, 0);
        }
        _seen.TryAdd(path, 0);
        return false;
    }

    /// <summary>Admits <paramref name="image"/> unless something was dropped since <paramref name="ticket"/> was taken.</summary>
    public void Admit(string path, CachedImage image, long ticket)
    {
        var size = image.Content.LongLength;
        if (size > _itemLimit) return;
        lock (_gate)
        {
            if (ticket != _generation) return;
            if (_entries.TryGetValue(path, out var existing)) Remove(path, existing);
            for (var sweep = 0; sweep < 3 && _bytes + size > _capacity; sweep++) Sweep(size);
            if (_bytes + size > _capacity) return;
            _entries[path] = image;
            _bytes += size;
            _seen.TryRemove(path, out _);
        }
    }

    /// <summary>Drops every entry of <paramref name="originalId"/> (after a commit that changed its derived images).</summary>
    public void Invalidate(string originalId)
    {
        lock (_gate)
        {
            _generation++;
            foreach (var (path, image) in _entries)
                if (string.Equals(image.OriginalId, originalId, StringComparison.Ordinal)) Remove(path, image);
        }
    }

    /// <summary>Drops everything (another process changed derived images; which, the counter does not say).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _generation++;
            _entries.Clear();
            _bytes = 0;
        }
    }

    /// <summary>Evicts entries not served since the last sweep, and marks the rest, until <paramref name="needed"/> bytes fit.</summary>
    private void Sweep(long needed)
    {
        foreach (var (path, image) in _entries)
        {
            if (_bytes + needed <= _capacity) return;
            if (image.Referenced) image.Referenced = false;
            else Remove(path, image);
        }
    }

    private void Remove(string path, CachedImage image)
    {
        if (_entries.TryRemove(new KeyValuePair<string, CachedImage>(path, image))) _bytes -= image.Content.LongLength;
    }
}
