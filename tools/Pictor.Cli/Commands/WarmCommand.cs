using System.CommandLine;
using System.Globalization;

namespace Pictor.Cli.Commands;

/// <summary><c>pictor warm ID… --preset NAME</c>: requests derived URLs so the service generates and stores them.</summary>
public static class WarmCommand
{
    public static Command Create()
    {
        var ids = new Argument<string[]>("ids") { Description = "Image IDs.", Arity = ArgumentArity.OneOrMore };
        var accept = new Option<string>("--accept") { Description = "Accept header (decides the format of auto URLs).", DefaultValueFactory = _ => "image/avif,image/webp,*/*" };
        var parallel = new Option<int>("--parallel", "-p") { Description = "Requests at a time.", DefaultValueFactory = _ => 2 };
        var options = new DerivedOptions();
        var command = new Command("warm", "Request derived images (a preset or options) so they are generated before visitors ask.") { ids, accept, parallel };
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var client = GlobalOptions.Client(parse);
            var urls = parse.GetValue(ids)!.Select(id => options.Build(parse, id, client.BaseAddress)).ToList();
            var tally = new Tally("warmed", "failed");
            var fatal = await ItemRunner.RunAsync(urls, parse.GetValue(parallel), "Warming", writes: false, async (url, token) =>
            {
                try
                {
                    var image = await client.GetDerivedAsync(url, parse.GetValue(accept), token);
                    Report.Line($"{url.Id}: {url.Path} {image.ContentType} {image.Bytes.Length.ToString(CultureInfo.InvariantCulture)} bytes");
                    tally.Add("warmed");
                }
                catch (Exception e) when (!Report.IsFatal(e, writes: false) && e is not OperationCanceledException)
                {
                    Report.Failed($"{url.Id}: {url.Path}", e);
                    tally.Add("failed");
                }
            }, ct);
            Report.Line(tally.ToString());
            if (fatal is not null) return Program.Fatal(fatal.Exception);
            return tally["failed"] > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
        });
        return command;
    }
}
