using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Observability;
using Pictor.Problems;

namespace Pictor.Imaging;

/// <summary>
/// Bounds the CPU- and memory-heavy work (derives, upload decoding): a few run, a bounded number wait,
/// the rest are told to come back (503 + Retry-After) instead of piling up memory.
/// </summary>
public sealed class ImagingGate
{
    private readonly SemaphoreSlim _slots;
    private readonly int _maxQueue;
    private readonly PictorMetrics _metrics;
    private int _waiting;

    public ImagingGate(IOptions<DerivationOptions> options, PictorMetrics metrics)
    {
        var concurrent = options.Value.MaxConcurrent > 0 ? options.Value.MaxConcurrent : Environment.ProcessorCount;
        _slots = new SemaphoreSlim(concurrent, concurrent);
        _maxQueue = Math.Max(0, options.Value.MaxQueue);
        _metrics = metrics;
    }

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (_slots.Wait(0)) return new Slot(_slots);

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
        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
