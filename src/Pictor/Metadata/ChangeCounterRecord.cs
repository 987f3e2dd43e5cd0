namespace Pictor.Metadata;

/// <summary>
/// The one row of <c>change_counter</c>: raised by every transaction that removes ready derived images (delete,
/// replace, purge, a focal-point change, <c>pictor check --repair</c>), so that other instances can tell,
/// with one cheap read every few hundred milliseconds, that what their in-memory hit caches hold may be gone.
/// </summary>
public sealed class ChangeCounterRecord
{
    public const int SingleId = 1;

    public int Id { get; set; }

    public long Value { get; set; }
}
