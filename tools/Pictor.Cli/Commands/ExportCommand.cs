using System.CommandLine;
using Pictor.Client;

namespace Pictor.Cli.Commands;

/// <summary>
/// <c>pictor export DIR</c>: every original (or those the filters select) as DIR/ID.ext, bytes as uploaded.
/// Resumable: a file already there with the original's SHA-256 is skipped; downloads land under a temporary name first.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "The folder to write into (created if missing)." };
        var parallel = new Option<int>("--parallel", "-p") { Description = "Downloads at a time.", DefaultValueFactory = _ => 4 };
        var command = new Command("export", "Download every original into a folder as ID.ext; re-running skips files already there.")
        {
            dir, parallel, ListCommand.Prefix, ListCommand.Tags, ListCommand.Format, ListCommand.Since, ListCommand.Until,
        };
        command.SetAction(async (parse, ct) =>
        {
            var client = GlobalOptions.Client(parse);
            var target = parse.GetValue(dir)!;
            Directory.CreateDirectory(target);
            var originals = new List<OriginalMetadata>();
            await foreach (var o in client.ListAsync(ListCommand.Query(parse), ct)) originals.Add(o);

            var tally = new Tally("downloaded", "skipped", "failed");
            var fatal = await ItemRunner.RunAsync(originals, parse.GetValue(parallel), "Exporting", writes: false,
                async (o, token) => tally.Add(await ExportOneAsync(client, o, target, token)), ct);
            Report.Line(tally.ToString());
            if (fatal is not null) return Program.Fatal(fatal.Exception);
            return tally["failed"] > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<string> ExportOneAsync(PictorClient client, OriginalMetadata o, string dir, CancellationToken ct)
    {
        var path = Path.Combine(dir, $"{o.Id}.{ImageIds.Extension(o.Format)}");
        try
        {
            if (File.Exists(path) && string.Equals(await FileHash.Sha256Async(path, ct), o.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                Report.Line($"{o.Id}: skipped ({path} has the same SHA-256)");
                return "skipped";
            }
            var partial = path + ".partial";
            await using (var file = File.Create(partial))
                await client.DownloadOriginalAsync(o.Id, file, ct);
            File.Move(partial, path, overwrite: true);
            Report.Line($"{o.Id}: {path}");
            return "downloaded";
        }
        catch (Exception e) when (!Report.IsFatal(e, writes: false) && e is not OperationCanceledException)
        {
            Report.Failed(o.Id, e);
            return "failed";
        }
    }
}
