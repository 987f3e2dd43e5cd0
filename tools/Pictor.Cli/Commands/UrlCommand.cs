using System.CommandLine;

namespace Pictor.Cli.Commands;

/// <summary><c>pictor url ID [options] [--sign]</c>: prints a derived-image URL (or a srcset); no request is made.</summary>
public static class UrlCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The image ID." };
        var srcset = new Option<int[]>("--srcset") { Description = "Print a srcset for these widths instead (e.g. --srcset 320 640 1280).", AllowMultipleArgumentsPerToken = true };
        var options = new DerivedOptions();
        var command = new Command("url", "Build (and sign) a derived-image URL.") { id, srcset };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var url = options.Build(parse, parse.GetValue(id)!, Base(parse));
            var widths = parse.GetValue(srcset);
            Console.Out.WriteLine(widths is { Length: > 0 } ? url.Srcset(widths) : url.ToString());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Uri Base(ParseResult parse) => GlobalOptions.Client(parse).BaseAddress;
}
