namespace Pictor.Configuration;

public sealed class DerivationOptions
{
    public const string Section = "Pictor:Derivation";

    /// <summary>Image operations (derives, upload validation) run at once; 0 means one per core plus one.</summary>
    public int MaxConcurrent { get; set; }

    /// <summary>Image operations allowed to wait for a slot; beyond that requests get 503 with Retry-After.</summary>
    public int MaxQueue { get; set; } = 64;

    /// <summary>How long a generation may hold its lease before another instance may take over.</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How long a request waits for a generation running elsewhere before it gets 503.</summary>
    public int WaitSeconds { get; set; } = 60;

    /// <summary>Bytes of derived images kept; beyond that the least recently used are evicted (0: no bound).</summary>
    public long MaxStoredBytes { get; set; }

    /// <summary>libvips threads per image; 1 suits a server running images in parallel.</summary>
    public int VipsConcurrency { get; set; } = 1;
}
