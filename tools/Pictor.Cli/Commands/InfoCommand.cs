using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Pictor.Client;
using Spectre.Console;

namespace Pictor.Cli.Commands;

/// <summary><c>pictor info ID</c>: an original's metadata and derived images.</summary>
public static class InfoCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The image ID." };
        var json = new Option<bool>("--json") { Description = "Print the metadata as JSON." };
        var command = new Command("info", "Show an original's metadata and its derived images.") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            var metadata = await GlobalOptions.Client(parse).GetMetadataAsync(parse.GetValue(id)!, ct);
            if (parse.GetValue(json)) Console.Out.WriteLine(JsonSerializer.Serialize(metadata, Output.Json));
            else Print(metadata);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(OriginalMetadata m)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string value) => grid.AddRow(new Text(name), new Text(value));
        Row("id", m.Id);
        Row("format", m.Format);
        Row("size", $"{m.Width}x{m.Height}" + (m.Frames > 1 ? $", {m.Frames} frames" : ""));
        Row("bytes", m.Bytes.ToString(CultureInfo.InvariantCulture));
        Row("sha256", m.Sha256);
        Row("created", m.Created.ToString("u", CultureInfo.InvariantCulture));
        Row("updated", m.Updated.ToString("u", CultureInfo.InvariantCulture));
        Row("focus", m.Focus is { } f ? FormattableString.Invariant($"{f.X:0.###}, {f.Y:0.###}") : "none");
        if (m.Tags.Count > 0) Row("tags", string.Join(", ", m.Tags));
        foreach (var (key, value) in m.Attributes) Row($"attributes.{key}", value);
        Row("derived", m.Derived.Count.ToString(CultureInfo.InvariantCulture)
            + (m.StoredBytes is { } stored ? $" ({stored.Derived.ToString(CultureInfo.InvariantCulture)} bytes; {stored.Total.ToString(CultureInfo.InvariantCulture)} stored in all)" : ""));
        Output.Console.Write(grid);
        foreach (var d in m.Derived)
            Output.Console.WriteLine($"  {d.Name}  {d.Width}x{d.Height}  {d.Bytes.ToString(CultureInfo.InvariantCulture)} bytes", Style.Plain);
    }
}
