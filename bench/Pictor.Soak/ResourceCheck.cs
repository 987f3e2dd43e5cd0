using System.Globalization;

namespace Pictor.Soak;

/// <summary>
/// Whether threads, open files and the database grew after the warm-up beyond what the traffic explains:
/// threads and open files (medians of the 30 s after the warm-up and of the last 30 s) by at most 10 % plus a few
/// (a pool thread or a keep-alive socket more is not a leak); the database by at most 1.5 × the bytes per record
/// it held after the warm-up times the most records stored since, plus 4 MB (SQLite keeps its free pages and its WAL).
/// </summary>
public sealed record ResourceCheck(
    double ThreadsAfterWarmup, double ThreadsAtEnd, double OpenFilesAfterWarmup, double OpenFilesAtEnd,
    double DatabaseAfterWarmup, double DatabaseAtEnd, long RecordsAfterWarmup, long RecordsMost, double DatabaseBound)
{
    private const double Slack = 0.10;
    private const int ThreadSlack = 4;
    private const int FileSlack = 8;
    private const double DatabaseSlackBytes = 4 * 1048576.0;

    public bool ThreadsLevel => ThreadsAtEnd <= ThreadsAfterWarmup * (1 + Slack) + ThreadSlack;

    public bool OpenFilesLevel => OpenFilesAtEnd <= OpenFilesAfterWarmup * (1 + Slack) + FileSlack;

    public bool DatabaseWithinWritten => DatabaseAtEnd <= DatabaseBound;

    public bool Passed => ThreadsLevel && OpenFilesLevel && DatabaseWithinWritten;

    public static ResourceCheck From(MemorySamples samples, RecordCounts records, double warmup, double end)
    {
        double AfterWarmup(Func<MemorySamples.Sample, long> figure) => samples.MedianBetween(warmup, warmup + 30, figure);
        double AtEnd(Func<MemorySamples.Sample, long> figure) => samples.MedianBetween(end - 30, end, figure);
        var (recordsAfterWarmup, most) = (records.At(warmup), records.MostAfter(warmup));
        var database = AfterWarmup(s => s.DatabaseBytes);
        var bound = database / Math.Max(1, recordsAfterWarmup) * Math.Max(most, recordsAfterWarmup) * 1.5 + DatabaseSlackBytes;
        return new ResourceCheck(AfterWarmup(s => s.OsThreads), AtEnd(s => s.OsThreads), AfterWarmup(s => s.OpenFiles), AtEnd(s => s.OpenFiles),
            database, AtEnd(s => s.DatabaseBytes), recordsAfterWarmup, most, bound);
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"threads {ThreadsAfterWarmup:0} after the warm-up, {ThreadsAtEnd:0} at the end ({(ThreadsLevel ? "level" : "GREW")}); " +
        $"open files {OpenFilesAfterWarmup:0} → {OpenFilesAtEnd:0} ({(OpenFilesLevel ? "level" : "GREW")}); " +
        $"database {DatabaseAfterWarmup / 1048576.0:0.0} MB for {RecordsAfterWarmup} records after the warm-up, {DatabaseAtEnd / 1048576.0:0.0} MB at the end, " +
        $"at most {RecordsMost} records stored meanwhile (bound {DatabaseBound / 1048576.0:0.0} MB: {(DatabaseWithinWritten ? "within" : "BEYOND")} what was written)");
}
