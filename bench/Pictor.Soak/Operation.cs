namespace Pictor.Soak;

/// <summary>What a soak client does, in the proportions of <see cref="MixedTraffic"/>.</summary>
public enum Operation
{
    Upload,
    ColdDerive,
    CachedDerive,
    ReadOriginal,
    Delete,
}
