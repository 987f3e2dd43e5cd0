using System.Collections.Concurrent;

namespace Pictor.Imaging;

/// <summary>
/// The threads image work runs on, one per <see cref="ImagingGate"/> slot. Decoding and encoding block a
/// thread for tens of milliseconds; on the thread pool (one thread per core to start with) they left
/// no thread for the requests waiting on I/O, and the cores sat idle until the pool grew.
/// </summary>
internal sealed class ImagingThreads : TaskScheduler, IDisposable
{
    /// <summary>How long every thread must have been idle before freed native memory is handed back.</summary>
    private static readonly TimeSpan IdleBeforeTrim = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Under sustained load the threads are never idle for a second, so freed memory is also handed back
    /// at most this often by a thread between two tasks. Without it the 30-minute soak (bench/soak.sh)
    /// drifted upward by a quarter; one trim costs a few milliseconds.
    /// </summary>
    private const long BusyTrimIntervalMs = 10_000;

    private readonly BlockingCollection<Task> _work = new();
    private readonly Thread[] _threads;
    private readonly Timer _trimWhenIdle;
    private int _busy;
    private long _lastTrim = Environment.TickCount64;

    public ImagingThreads(int count)
    {
        _trimWhenIdle = new Timer(TrimIfStillIdle);
        _threads = Enumerable.Range(0, count).Select(i => new Thread(Work) { IsBackground = true, Name = $"imaging-{i}" }).ToArray();
        foreach (var thread in _threads) thread.Start();
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    private void Work()
    {
        foreach (var task in _work.GetConsumingEnumerable())
        {
            Interlocked.Increment(ref _busy);
            TryExecuteTask(task);
            if (Interlocked.Decrement(ref _busy) == 0 && _work.Count == 0) StartIdleCountdown();
            else TrimIfDue();
        }
    }

    /// <summary>One thread at a time, at most every <see cref="BusyTrimIntervalMs"/>.</summary>
    private void TrimIfDue()
    {
        var last = Volatile.Read(ref _lastTrim);
        var now = Environment.TickCount64;
        if (now - last < BusyTrimIntervalMs || Interlocked.CompareExchange(ref _lastTrim, now, last) != last) return;
        NativeHeap.Trim();
    }

    /// <summary>The last thread out (re)starts the countdown; work that arrives meanwhile makes the trim a no-op.</summary>
    private void StartIdleCountdown()
    {
        try
        {
            _trimWhenIdle.Change(IdleBeforeTrim, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: a task finished after Dispose.
        }
    }

    private void TrimIfStillIdle(object? state)
    {
        if (Volatile.Read(ref _busy) != 0 || _work.Count != 0) return;
        Volatile.Write(ref _lastTrim, Environment.TickCount64);
        NativeHeap.Trim();
    }

    protected override void QueueTask(Task task) => _work.Add(task);

    // Image work never runs inline on a request's thread: that is what this scheduler is for.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => _work.ToArray();

    public void Dispose()
    {
        _work.CompleteAdding();
        _trimWhenIdle.Dispose();
    }
}
