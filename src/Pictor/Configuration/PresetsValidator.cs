using Microsoft.Extensions.Options;
using Pictor.Images;
using Pictor.Problems;

namespace Pictor.Configuration;

/// <summary>Refuses to start with a preset that would not parse, naming it and what is wrong.</summary>
public sealed class PresetsValidator(IOptions<LimitsOptions> limits) : IValidateOptions<PictorOptions>
{
    public ValidateOptionsResult Validate(string? name, PictorOptions options)
    {
        List<string> failures = [];
        foreach (var (preset, text) in options.Presets)
        {
            if (!ImageId.TryParse(preset, out _, out _))
                failures.Add($"Pictor:Presets:{preset}: a preset name uses only A-Z, a-z, 0-9, '_' and '-'.");
            try
            {
                TransformParser.ParseTokens(text ?? "", limits.Value.MaxDimension, presets: null);
            }
            catch (ProblemException e)
            {
                failures.Add($"Pictor:Presets:{preset} ('{text}'): {e.Detail}");
            }
        }
        foreach (var entry in options.EagerPresets)
        {
            if (EagerPreset.TryParse(entry, out var eager, out var error) && !options.Presets.ContainsKey(eager.Preset))
                error = $"there is no preset Pictor:Presets:{eager.Preset}";
            if (error is not null) failures.Add($"Pictor:EagerPresets ('{entry}'): {error}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
