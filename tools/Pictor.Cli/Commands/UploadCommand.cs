using System.CommandLine;
using Pictor.Client;

namespace Pictor.Cli.Commands;

/// <summary>
/// <c>pictor upload DIR|FILES…</c>: IDs from file names; resumable (an ID already stored with the same SHA-256 is
/// skipped); an ID stored with other bytes is a conflict (reported; <c>--replace</c> replaces it).
/// </summary>
public static class UploadCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Folders (their files) and files to upload.", Arity = ArgumentArity.OneOrMore };
        var parallel = new Option<int>("--parallel", "-p") { Description = "Uploads at a time.", DefaultValueFactory = _ => 4 };
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Include files in subfolders of folders." };
        var replace = new Option<bool>("--replace") { Description = "Replace (PUT) IDs stored with other bytes instead of reporting a conflict." };
        var command = new Command("upload", "Upload images (from folders: .jpg .jpeg .png .webp .gif .avif .tif .tiff); the ID is the file name without extension, sanitised to [A-Za-z0-9_-]. Re-running skips what is already stored.")
        {
            paths, parallel, recursive, replace,
        };
        command.SetAction((parse, ct) => RunAsync(GlobalOptions.Client(parse), parse.GetValue(paths)!, parse.GetValue(parallel),
            parse.GetValue(recursive), parse.GetValue(replace), ct));
        return command;
    }

    private static async Task<int> RunAsync(PictorClient client, string[] paths, int parallel, bool recursive, bool replace, CancellationToken ct)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                    .Where(IsImageName).Order(StringComparer.Ordinal));
            else if (File.Exists(path)) files.Add(path);
            else throw new UsageException($"'{path}' is neither a file nor a folder.");
        }

        var tally = new Tally("uploaded", "replaced", "skipped", "conflicts", "failed");
        var items = new List<(string Id, string File)>();
        foreach (var group in files.GroupBy(ImageIds.FromFileName, StringComparer.Ordinal))
        {
            if (group.Key.Length == 0)
            {
                foreach (var file in group) { Report.Error($"{file}: no ID can be made from this file name."); tally.Add("failed"); }
                continue;
            }
            if (group.Count() > 1)
            {
                Report.Error($"{group.Key}: several files give this ID ({string.Join(", ", group)}); none uploaded.");
                tally.Add("conflicts");
                continue;
            }
            items.Add((group.Key, group.Single()));
        }

        var fatal = await ItemRunner.RunAsync(items, parallel, "Uploading", writes: true, async (item, token) =>
        {
            var outcome = await UploadOneAsync(client, item.Id, item.File, replace, token);
            tally.Add(outcome);
        }, ct);

        Report.Line(tally.ToString());
        if (fatal is not null) return Program.Fatal(fatal.Exception);
        return tally["failed"] + tally["conflicts"] > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
        { ".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".tif", ".tiff" };

    /// <summary>From folders, only files named as images are taken (not README, LICENSE, .DS_Store); files named on the command line always are.</summary>
    private static bool IsImageName(string path) => !Path.GetFileName(path).StartsWith('.') && ImageExtensions.Contains(Path.GetExtension(path));

    private static async Task<string> UploadOneAsync(PictorClient client, string id, string file, bool replace, CancellationToken ct)
    {
        try
        {
            var sha = await FileHash.Sha256Async(file, ct);
            for (var attempt = 0; ; attempt++)
            {
                var stored = await client.TryGetMetadataAsync(id, ct);
                if (stored is not null)
                {
                    if (string.Equals(stored.Sha256, sha, StringComparison.OrdinalIgnoreCase))
                    {
                        Report.Line($"{id}: skipped (stored with the same SHA-256)");
                        return "skipped";
                    }
                    if (!replace)
                    {
                        Report.Error($"{id}: conflict: stored with other bytes (sha256 {stored.Sha256[..12]}…, {file} is {sha[..12]}…); --replace replaces it");
                        return "conflicts";
                    }
                    await client.ReplaceAsync(id, file, ct);
                    Report.Line($"{id}: replaced from {file}");
                    return "replaced";
                }
                try
                {
                    await client.UploadAsync(id, file, ct);
                    Report.Line($"{id}: uploaded {file}");
                    return "uploaded";
                }
                catch (PictorProblemException e) when (e.Kind == ProblemKind.Conflict && attempt == 0)
                {
                    // Stored by someone else since we looked: look again.
                }
            }
        }
        catch (Exception e) when (!Report.IsFatal(e, writes: true) && e is not OperationCanceledException)
        {
            Report.Failed($"{id} ({file})", e);
            return "failed";
        }
    }
}
