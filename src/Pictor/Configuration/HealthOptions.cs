namespace Pictor.Configuration;

public sealed class HealthOptions
{
    public const string Section = "Pictor:Health";

    /// <summary>How long <c>/healthz</c> reuses its last database check (0: a check per request).</summary>
    public int DatabaseCheckMilliseconds { get; set; } = 1000;
}
