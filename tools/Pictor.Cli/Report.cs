using Pictor.Client;
using Spectre.Console;

namespace Pictor.Cli;

/// <summary>Lines about items (stdout) and errors (stderr), safe from parallel tasks; markup escaped.</summary>
public static class Report
{
    private static readonly Lock Gate = new();

    /// <summary>On a terminal through Spectre, which keeps a running progress bar below the lines; else plain stdout.</summary>
    public static void Line(string text)
    {
        lock (Gate)
        {
            if (Interactive) AnsiConsole.WriteLine(text);
            else Console.Out.WriteLine(text);
        }
    }

    public static void Error(string text)
    {
        lock (Gate) Console.Error.WriteLine(text);
    }

    /// <summary>"ID: 404 Not Found: There is no original …" for an item that failed.</summary>
    public static void Failed(string item, Exception e) => Error($"{item}: {Describe(e)}");

    public static string Describe(Exception e) => e switch
    {
        PictorProblemException p => p.Message,
        HttpRequestException h => $"cannot reach the service: {h.Message}",
        _ => e.Message,
    };

    /// <summary>
    /// Whether an exception means the whole run cannot go on: no service, a key refused (401), or, for writes,
    /// a key without the scope (403).
    /// </summary>
    public static bool IsFatal(Exception e, bool writes) => e switch
    {
        HttpRequestException => true,
        PictorProblemException { Kind: ProblemKind.Unauthorized } => true,
        PictorProblemException { Kind: ProblemKind.Forbidden } => writes,
        _ => false,
    };

    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
}
