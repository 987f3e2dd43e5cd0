using Pictor.Problems;

namespace Pictor.Fuzz;

/// <summary>Runs a parser, letting through only the ways it is meant to refuse input.</summary>
public static class Refusals
{
    /// <summary>A problem below 500 is a refusal the client sees as such; a 5xx or any other exception is a finding.</summary>
    public static void AllowProblems(Action parse)
    {
        try
        {
            parse();
        }
        catch (ProblemException p) when (p.Status < 500)
        {
        }
    }
}
