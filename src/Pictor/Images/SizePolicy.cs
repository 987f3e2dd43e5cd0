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

    /// <summary>Whether a list is configured at all.</summary>
    public bool Restricts => _allowed.Count > 0;

    /// <summary>On the configured list (a request without both sizes never is).</summary>
    public bool Lists(ImageSize? size) => size is { } s && _allowed.Contains(s);

    /// <summary>403 unless no list is configured or <paramref name="size"/> is on it.</summary>
    public void Check(ImageSize? size)
    {
        if (!Restricts || Lists(size)) return;
        throw ProblemException.Forbidden("size-not-allowed", size is { } s
            ? $"The size {s} is not in the allowed sizes ({string.Join(", ", _allowed.Order())})."
            : $"Only the allowed sizes ({string.Join(", ", _allowed.Order())}) may be asked for, with both w_ and h_.");
    }
}
