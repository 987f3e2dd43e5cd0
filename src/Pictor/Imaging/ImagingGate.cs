using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Observability;
using Pictor.Problems;

namespace Pictor.Imaging;

/// <summary>
/// Bounds the CPU- and memory-heavy work (derives, upload decoding): a few run, a bounded number wait,
/// the rest are told to come back (503 + Retry-After) instead of piling up memory. The work itself runs on
/// the gate's own threads (<see cref="ImagingSlot.RunAsync{T}"/>), one per slot.
/// </summary>
public sealed class ImagingGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly ImagingThreads _threads;
    private readonly int _maxQueue;
    private readonly PictorMetrics _metrics;
    private int _waiting;

    public ImagingGate(IOptions<DerivationOptions> options, PictorMetrics metrics)
    {
        var concurrent = options.Value.MaxConcurrent > 0 ? options.Value.MaxConcurrent : DefaultConcurrency;
        _slots = new SemaphoreSlim(concurrent, concurrent);
        _threads = new ImagingThreads(concurrent);
        _maxQueue = Math.Max(0, options.Value.MaxQueue);
        _metrics = metrics;
    }

    /// <summary>
    /// One more than the cores: a libvips pipeline at concurrency 1 keeps its core only ~85–90% busy (its
    /// threads hand strips to each other), and the extra pipeline fills those gaps. On 2 cores, 3 slots
    /// instead of 2 took cold derives from 81 to 86/s (JPEG) and 89 to 107/s (WebP), for ~20 MB more peak
    /// memory with 12 MP sources (bench/).
    /// </summary>
    private static int DefaultConcurrency => Environment.ProcessorCount + 1;

    /// <summary>A slot is free and no request waits for one: background work may start without delaying requests.</summary>
    public bool IsIdle => _slots.CurrentCount > 0 && Volatile.Read(ref _waiting) == 0;

    public async Task<ImagingSlot> EnterAsync(CancellationToken cancellationToken)
    {
        if (_slots.Wait(0)) return new ImagingSlot(_slots, _threads);

        if (Interlocked.Increment(ref _waiting) > _maxQueue)
        {
            Interlocked.Decrement(ref _waiting);
            _metrics.ImagingRejected();
            throw ProblemException.Busy($"Too many image operations are queued (Pictor:Derivation:MaxQueue = {_maxQueue}); try again shortly.");
        }
        try
        {
            await _slots.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        return new ImagingSlot(_slots, _threads);
    }

    public void Dispose() => _threads.Dispose();
}
