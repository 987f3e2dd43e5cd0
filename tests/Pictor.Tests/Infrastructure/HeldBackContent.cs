using System.Net;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// A request body (with its Content-Length) sent in two parts: the first <c>sentFirst</c> bytes, then
/// nothing until <c>release</c> completes, then the rest; as a slow client's upload arrives.
/// </summary>
public sealed class HeldBackContent(byte[] bytes, int sentFirst, Func<Task> release) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(bytes.AsMemory(0, sentFirst));
        await stream.FlushAsync();
        await release();
        await stream.WriteAsync(bytes.AsMemory(sentFirst));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return true;
    }
}
