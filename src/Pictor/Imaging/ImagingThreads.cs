using System.Collections.Concurrent;

namespace Pictor.Imaging;

/// <summary>
/// The threads image work runs on, one per <see cref="ImagingGate"/> slot. Decoding and encoding block a
/// thread for tens of milliseconds; on the thread pool (one thread per core to start with) they left
/// no thread for the requests waiting on I/O, and the cores sat idle until the pool grew.
/// </summary>
internal sealed class ImagingThreads : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> _work = new();
    private readonly Thread[] _threads;

    public ImagingThreads(int count)
    {
        _threads = Enumerable.Range(0, count).Select(i => new Thread(Work) { IsBackground = true, Name = $"imaging-{i}" }).ToArray();
        foreach (var thread in _threads) thread.Start();
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    private void Work()
    {
        foreach (var task in _work.GetConsumingEnumerable()) TryExecuteTask(task);
    }

    protected override void QueueTask(Task task) => _work.Add(task);

    // Image work never runs inline on a request's thread: that is what this scheduler is for.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => _work.ToArray();

    public void Dispose() => _work.CompleteAdding();
}
