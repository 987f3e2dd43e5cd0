using System.Globalization;

namespace Pictor.Import;

/// <summary>Counts of a run of <c>import-pymager</c>, its summary line and its exit code.</summary>
public sealed class ImportSummary
{
    /// <summary>Everything importable is in Pictor (imported now or before); skips are reported, not failures.</summary>
    public const int ExitComplete = 0;

    /// <summary>Something importable is not in Pictor: a conflict, or an error a re-run may get past.</summary>
    public const int ExitIncomplete = 1;

    /// <summary>Bad arguments, or the pymager database or data directory could not be read: nothing was imported.</summary>
    public const int ExitUnusable = 2;

    private readonly Dictionary<ImportOutcome, int> _counts = Enum.GetValues<ImportOutcome>().ToDictionary(o => o, _ => 0);

    public int Rows { get; set; }

    public long DerivedNotCopied { get; set; }

    public int this[ImportOutcome outcome] => _counts[outcome];

    public int Done => _counts.Values.Sum();

    public void Add(ImportOutcome outcome) => _counts[outcome]++;

    public int ExitCode => this[ImportOutcome.Conflict] + this[ImportOutcome.Failed] == 0 ? ExitComplete : ExitIncomplete;

    public override string ToString()
    {
        var skipped = new[] { ImportOutcome.Inconsistent, ImportOutcome.MissingFile, ImportOutcome.Mismatch, ImportOutcome.RefusedId, ImportOutcome.UnsupportedFormat, ImportOutcome.Refused };
        var skippedTotal = skipped.Sum(o => this[o]);
        var detail = string.Join(", ", skipped.Where(o => this[o] > 0).Select(o => $"{this[o]} {Kind(o)}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"import-pymager: {Rows} originals in pymager: {this[ImportOutcome.Imported] + this[ImportOutcome.Converted]} imported " +
            $"({this[ImportOutcome.Converted]} converted to PNG), {this[ImportOutcome.AlreadyImported]} already imported, " +
            $"{skippedTotal} skipped{(detail.Length > 0 ? $" ({detail})" : "")}, {this[ImportOutcome.Conflict]} conflicts, {this[ImportOutcome.Failed]} failed; " +
            $"{DerivedNotCopied} derived images not copied (made again on request)");
    }

    /// <summary>The outcome as printed: <c>missing-file</c>, <c>refused-id</c>, ….</summary>
    public static string Kind(ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.AlreadyImported => "already-imported",
        ImportOutcome.MissingFile => "missing-file",
        ImportOutcome.RefusedId => "refused-id",
        ImportOutcome.UnsupportedFormat => "unsupported-format",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
