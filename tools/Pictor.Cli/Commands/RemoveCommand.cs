using System.CommandLine;

namespace Pictor.Cli.Commands;

/// <summary><c>pictor rm ID…</c>: deletes originals (and their derived images).</summary>
public static class RemoveCommand
{
    public static Command Create()
    {
        var ids = new Argument<string[]>("ids") { Description = "Image IDs.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("rm", "Delete originals and every derived image of them.") { ids };
        command.SetAction(async (parse, ct) =>
        {
            var client = GlobalOptions.Client(parse);
            var tally = new Tally("deleted", "failed");
            var fatal = await ItemRunner.RunAsync(parse.GetValue(ids)!, 4, "Deleting", writes: true, async (id, token) =>
            {
                try
                {
                    await client.DeleteAsync(id, token);
                    Report.Line($"{id}: deleted");
                    tally.Add("deleted");
                }
                catch (Exception e) when (!Report.IsFatal(e, writes: true) && e is not OperationCanceledException)
                {
                    Report.Failed(id, e);
                    tally.Add("failed");
                }
            }, ct);
            if (fatal is not null) return Program.Fatal(fatal.Exception);
            return tally["failed"] > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
        });
        return command;
    }
}
