using Pictor.Imaging;

namespace Pictor.Fuzz;

/// <summary>
/// <see cref="FormatSniffer"/>: any first bytes of an upload. It names a format or refuses with a 4xx problem
/// (unsupported-format, naming the format where it knows it); anything else is a finding.
/// </summary>
public sealed class SnifferTarget : IFuzzTarget
{
    public void Run(byte[] input) => Refusals.AllowProblems(() =>
        FormatSniffer.Sniff(input.AsSpan(0, Math.Min(input.Length, FormatSniffer.HeaderLength))));
}
