using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Pictor.Client;
using Spectre.Console;

namespace Pictor.Cli.Commands;

/// <summary><c>pictor ls</c>: originals in ID order, filtered; a table on a terminal, tab-separated lines when piped, or --json.</summary>
public static class ListCommand
{
    public static readonly Option<string?> Prefix = new("--prefix") { Description = "Only IDs starting with this." };
    public static readonly Option<string[]> Tags = new("--tag") { Description = "Only originals with this tag (repeatable; all must match)." };
    public static readonly Option<string?> Format = new("--format") { Description = "Only this format (jpeg, png, webp, gif, avif, tiff)." };
    public static readonly Option<DateTimeOffset?> Since = new("--since") { Description = "Only originals created at or after this time (ISO 8601)." };
    public static readonly Option<DateTimeOffset?> Until = new("--until") { Description = "Only originals created before this time (ISO 8601)." };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of metadata." };
        var limit = new Option<int?>("--limit", "-n") { Description = "At most this many." };
        var command = new Command("ls", "List originals in ID order.") { Prefix, Tags, Format, Since, Until, json, limit };
        command.SetAction(async (parse, ct) =>
        {
            var client = GlobalOptions.Client(parse);
            var items = new List<OriginalMetadata>();
            var max = parse.GetValue(limit);
            await foreach (var item in client.ListAsync(Query(parse), ct))
            {
                if (items.Count >= max) break;
                items.Add(item);
            }
            if (parse.GetValue(json)) Console.Out.WriteLine(JsonSerializer.Serialize(items, Output.Json));
            else if (Report.Interactive) Table(items);
            else foreach (var o in items) Console.Out.WriteLine(Line(o));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The listing filters given on the command line.</summary>
    public static OriginalQuery Query(ParseResult parse) => new()
    {
        Prefix = parse.GetValue(Prefix),
        Tags = parse.GetValue(Tags) ?? [],
        Format = parse.GetValue(Format),
        Since = parse.GetValue(Since),
        Until = parse.GetValue(Until),
    };

    private static string Line(OriginalMetadata o) => string.Join('\t',
        o.Id, o.Format, $"{o.Width}x{o.Height}", o.Bytes.ToString(CultureInfo.InvariantCulture), o.Created.ToString("u", CultureInfo.InvariantCulture));

    private static void Table(IReadOnlyList<OriginalMetadata> items)
    {
        var table = new Table().AddColumns("ID", "format", "size", "bytes", "created");
        foreach (var o in items)
            table.AddRow(Markup.Escape(o.Id), o.Format, $"{o.Width}x{o.Height}", o.Bytes.ToString("N0", CultureInfo.InvariantCulture), o.Created.ToString("u", CultureInfo.InvariantCulture));
        Output.Console.Write(table);
        Output.Console.WriteLine($"{items.Count} originals");
    }
}
