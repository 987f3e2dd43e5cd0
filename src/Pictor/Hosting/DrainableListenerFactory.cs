using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Pictor.Hosting;

/// <summary>
/// Kestrel's socket transport, with one thing added: the listening sockets can be closed on their own, before
/// Kestrel stops. Then new connections are refused (which a front end retries elsewhere, whatever the method,
/// since nothing was sent) while the open connections go on; Kestrel's own stop would close those at once too.
/// </summary>
public sealed class DrainableListenerFactory(SocketTransportFactory sockets) : IConnectionListenerFactory
{
    private readonly ConcurrentQueue<Listener> _listeners = new();

    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var listener = new Listener(await sockets.BindAsync(endpoint, cancellationToken));
        _listeners.Enqueue(listener);
        return listener;
    }

    /// <summary>Stops listening on every endpoint; accepted connections are untouched.</summary>
    public async Task UnbindAllAsync()
    {
        foreach (var listener in _listeners) await listener.UnbindAsync();
    }

    private sealed class Listener(IConnectionListener inner) : IConnectionListener
    {
        private int _unbound;

        public EndPoint EndPoint => inner.EndPoint;

        public ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default) => inner.AcceptAsync(cancellationToken);

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default) =>
            Interlocked.Exchange(ref _unbound, 1) == 0 ? inner.UnbindAsync(cancellationToken) : ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
