using Pictor.Images;

namespace Pictor.Fuzz;

/// <summary>
/// pymager's derived names (<see cref="DerivedSpec.Parse"/>), as the route hands them over (already percent-decoded):
/// 4xx problems only, and a name that parses comes back from its canonical form unchanged.
/// </summary>
public sealed class DerivedNameTarget : IFuzzTarget
{
    private const int MaxDimension = 8192;


    public void Run(byte[] input) => Refusals.AllowProblems(() =>
    {
        var spec = DerivedSpec.Parse(System.Text.Encoding.UTF8.GetString(input), MaxDimension);
        var again = DerivedSpec.Parse(spec.ToString(), MaxDimension);
        if (again != spec) throw new InvalidOperationException($"'{spec}' parses to '{again}'");
    });
}
