namespace Pictor.Soak;

/// <summary>What a soak client does, in the proportions of <see cref="MixedTraffic"/>.</summary>
public enum Operation
{
    Upload,
    /// <summary>A pymager name, <c>{id}-{w}x{h}.{ext}</c>, of a size never asked for before.</summary>
    ColdDerive,
    /// <summary>Transformation options, <c>{id}/w_…,h_…,c_…{,g_…,q_…,dpr_…}.{ext}</c>, mostly never asked for before.</summary>
    OptionDerive,
    /// <summary>A few popular names and option URLs of a few popular images.</summary>
    CachedDerive,
    /// <summary><c>.auto</c> with the <c>Accept</c> of one browser or another.</summary>
    AutoDerive,
    ReadOriginal,
    /// <summary>PATCH of tags, attributes or the focal point (which drops the derived images that followed it).</summary>
    Patch,
    /// <summary>DELETE /original/{id}/derived.</summary>
    Purge,
    Delete,
}
