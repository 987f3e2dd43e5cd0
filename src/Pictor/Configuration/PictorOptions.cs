namespace Pictor.Configuration;

/// <summary>The service-wide settings bound from the <c>Pictor</c> section (names are part of the contract, see API.md).</summary>
public sealed class PictorOptions
{
    public const string Section = "Pictor";

    public string DataDirectory { get; set; } = "./data";

    /// <summary><c>WxH</c> entries; empty means any size up to <see cref="LimitsOptions.MaxDimension"/>.</summary>
    public List<string> AllowedSizes { get; set; } = [];

    public List<string> ApiKeys { get; set; } = [];

    public bool AllowAnonymousWrites { get; set; }

    /// <summary><c>Pictor:Presets:NAME</c>: named options strings, asked for as <c>t_NAME</c>.</summary>
    public Dictionary<string, string> Presets { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>Pictor:EagerPresets:N</c>: <c>NAME:fmt,fmt</c>, presets made in the background after each upload or replace.</summary>
    public List<string> EagerPresets { get; set; } = [];

    /// <summary>Option URLs other than a bare preset are refused (403) unless signed.</summary>
    public bool PresetsOnly { get; set; }
}
