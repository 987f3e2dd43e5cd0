namespace Pictor.Imaging;

/// <summary>One of the image operations <see cref="ImagingGate"/> lets run at once; disposing gives the place back.</summary>
public sealed class ImagingSlot : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly TaskScheduler _threads;
    private int _released;

    internal ImagingSlot(SemaphoreSlim slots, TaskScheduler threads)
    {
        _slots = slots;
        _threads = threads;
    }

    /// <summary>Runs blocking image work (decode, resize, encode) on one of the gate's own threads.</summary>
    public Task<T> RunAsync<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _threads);

    /// <inheritdoc cref="RunAsync{T}(Func{T})"/>
    public Task RunAsync(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _threads);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) _slots.Release();
    }
}
