namespace Pictor.Configuration;

/// <summary><c>Pictor:Originals</c>: who may read originals.</summary>
public sealed class OriginalsOptions
{
    public const string Section = "Pictor:Originals";

    /// <summary>Originals are readable without a key (pymager's behaviour); false needs a <c>read</c> key or a signed URL. Derived images stay public.</summary>
    public bool Public { get; set; } = true;
}
