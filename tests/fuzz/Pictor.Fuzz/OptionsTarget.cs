using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Images;

namespace Pictor.Fuzz;

/// <summary>
/// The transformation options of <c>/derived/{id}/{options}.{ext}</c> (<see cref="TransformParser"/>), with a
/// preset defined: 4xx problems only, and the canonical form of what parses parses to itself.
/// </summary>
public sealed class OptionsTarget : IFuzzTarget
{
    private readonly TransformParser _parser = new(
        Options.Create(new LimitsOptions()), Options.Create(new EncodingOptions()),
        Options.Create(new PictorOptions { Presets = { ["thumb"] = "w_120,h_120,c_fill,q_70" } }));


    public void Run(byte[] input) => Refusals.AllowProblems(() =>
    {
        var request = _parser.Parse("fuzz", System.Text.Encoding.UTF8.GetString(input));
        var spec = request.For(request.Format ?? ImageFormat.Jpeg);
        // The canonical variant is served under /derived/fuzz/{variant}, or pymager's fuzz-{variant} for a plain fill.
        var again = spec.Variant.Contains('_', StringComparison.Ordinal)
            ? _parser.Parse("fuzz", spec.Variant).For(spec.Format)
            : DerivedSpec.Parse(DerivedSpec.Name("fuzz", spec.Variant), new LimitsOptions().MaxDimension);
        if (again.Variant != spec.Variant) throw new InvalidOperationException($"'{spec.Variant}' parses to '{again.Variant}'");
    });
}
