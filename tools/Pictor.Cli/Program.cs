using System.CommandLine;
using Pictor.Cli;
using Pictor.Cli.Commands;
using Pictor.Client;

var root = new RootCommand($"pictor: the command line of the Pictor image service. {ExitCodes.Help}")
{
    GlobalOptions.Url,
    GlobalOptions.Key,
    UploadCommand.Create(),
    ListCommand.Create(),
    InfoCommand.Create(),
    RemoveCommand.Create(),
    ExportCommand.Create(),
    UrlCommand.Create(),
    WarmCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"pictor: {error.Message}");
    Console.Error.WriteLine("Run 'pictor --help' for usage.");
    return ExitCodes.Usage;
}
try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    return Program.Fatal(e);
}

/// <summary>The entry point; <see cref="Fatal"/> maps what ends a command to its message and exit code.</summary>
public static partial class Program
{
    /// <summary>Prints what ended the command (no stack trace) and answers its exit code.</summary>
    public static int Fatal(Exception e)
    {
        switch (e)
        {
            case UsageException or ArgumentException:
                Console.Error.WriteLine($"pictor: {e.Message}");
                return ExitCodes.Usage;
            case HttpRequestException:
                Console.Error.WriteLine($"pictor: cannot reach the service: {e.Message}");
                return ExitCodes.Unreachable;
            case PictorProblemException { Kind: ProblemKind.Unauthorized } p:
                Console.Error.WriteLine($"pictor: {p.Message}");
                Console.Error.WriteLine("pictor: the API key was refused; give it with --key or PICTOR_API_KEY.");
                return ExitCodes.Unreachable;
            case PictorProblemException { Kind: ProblemKind.Forbidden } p:
                Console.Error.WriteLine($"pictor: {p.Message}");
                return ExitCodes.Unreachable;
            case PictorProblemException p:
                Console.Error.WriteLine($"pictor: {p.Message}");
                return ExitCodes.SomeFailed;
            case TaskCanceledException:
                Console.Error.WriteLine("pictor: the service did not answer in time.");
                return ExitCodes.Unreachable;
            default:
                Console.Error.WriteLine($"pictor: {e.GetType().Name}: {e.Message}");
                return ExitCodes.SomeFailed;
        }
    }
}
