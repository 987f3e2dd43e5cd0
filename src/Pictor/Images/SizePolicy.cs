using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Problems;

namespace Pictor.Images;

/// <summary><c>Pictor:AllowedSizes</c>: empty allows any size up to the maximum dimension (pymager's <c>allowed_sizes: None</c>).</summary>
public sealed class SizePolicy
{
    private readonly HashSet<ImageSize> _allowed;

    public SizePolicy(IOptions<PictorOptions> options)
    {
        _allowed = options.Value.AllowedSizes
            .Select(s => ImageSize.TryParse(s, out var size) ? size : throw new OptionsValidationException(
                nameof(PictorOptions.AllowedSizes), typeof(PictorOptions), [$"Pictor:AllowedSizes entry '{s}' is not of the form WxH."]))
            .ToHashSet();
    }

    public void Check(DerivedSpec spec)
    {
        if (_allowed.Count == 0 || _allowed.Contains(new ImageSize(spec.Width, spec.Height))) return;
        throw ProblemException.Forbidden("size-not-allowed",
            $"The size {spec.Width}x{spec.Height} is not in the allowed sizes ({string.Join(", ", _allowed.Order())}).");
    }
}
