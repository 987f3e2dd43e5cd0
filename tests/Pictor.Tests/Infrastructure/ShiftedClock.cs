namespace Pictor.Tests.Infrastructure;

/// <summary>The system clock moved forward by <see cref="Offset"/>: time goes on, and a test can jump ahead without sleeping.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
