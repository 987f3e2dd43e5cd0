namespace Pictor.Api;

/// <summary>What a key may do; each scope includes the ones below it.</summary>
public enum AccessScope
{
    /// <summary>Reads that are not public (private originals, statistics).</summary>
    Read = 1,

    /// <summary>Uploads, replacements, deletions, focal points.</summary>
    Write = 2,

    /// <summary>Everything, including purges.</summary>
    Admin = 3,
}
