namespace Pictor.Images;

/// <summary>
/// The tokens of one options string as written, before defaults: what a preset holds, and what a URL
/// adds to or overrides in it.
/// </summary>
public readonly record struct OptionTokens(
    int? Width = null, int? Height = null, ResizeMode? Mode = null, Gravity? Gravity = null,
    int? Quality = null, double? Dpr = null, Rgb? Background = null)
{
    /// <summary>These tokens, with <paramref name="preset"/>'s filling the keys these leave out.</summary>
    public OptionTokens Over(OptionTokens preset) => new(
        Width ?? preset.Width, Height ?? preset.Height, Mode ?? preset.Mode, Gravity ?? preset.Gravity,
        Quality ?? preset.Quality, Dpr ?? preset.Dpr, Background ?? preset.Background);
}
