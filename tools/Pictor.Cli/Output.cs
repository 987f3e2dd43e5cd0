using System.Text.Json;
using Spectre.Console;

namespace Pictor.Cli;

/// <summary>Where results go: a Spectre console on stdout (plain when redirected), and the JSON settings of --json.</summary>
public static class Output
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(System.Console.Out),
        Ansi = System.Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
        Interactive = System.Console.IsOutputRedirected ? InteractionSupport.No : InteractionSupport.Detect,
    });
}
