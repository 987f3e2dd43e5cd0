using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetVips;
using Pictor.Configuration;
using Pictor.Images;
using Pictor.Imaging;
using Pictor.Metadata;
using Pictor.Originals;
using Pictor.Problems;
using Pictor.Storage;

namespace Pictor.Import;

/// <summary>
/// <c>pictor import-pymager</c>: every original of a pymager deployment in status OK goes through
/// <see cref="OriginalService"/> exactly as an upload would (sniffed, checked against the limits, fully
/// decoded, journaled, committed), under its pymager ID and with pymager's time as its creation time.
/// Each is its own committed upload, and an ID Pictor already holds with the same SHA-256 is passed over,
/// so a run can be interrupted at any point and run again. Derived images are not copied.
/// </summary>
public sealed class PymagerImporter(OriginalService originals, IDbContextFactory<PictorDbContext> dbs, ImageInspector inspector, TempArea temp, IOptions<LimitsOptions> limits)
{
    public sealed record Options(PymagerDatabaseUrl Database, string DataDirectory, bool ConvertUnsupported);

    private sealed record Verdict(ImportOutcome Outcome, string? Reason = null);

    private static readonly string UnsupportedFormatType = ProblemException.UnsupportedFormat("").Type;

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

    /// <param name="progress">Keep a progress line at the bottom (for a terminal).</param>
    public async Task<ImportSummary> RunAsync(Options options, TextWriter output, bool progress, CancellationToken cancellationToken)
    {
        var catalogue = new PymagerCatalogue(options.Database);
        var rows = await catalogue.OriginalsAsync(cancellationToken);
        var summary = new ImportSummary { Rows = rows.Count, DerivedNotCopied = await catalogue.DerivedCountAsync(cancellationToken) };
        var lastProgress = DateTime.MinValue;
        foreach (var row in rows)
        {
            Verdict verdict;
            try
            {
                verdict = await ImportAsync(row, options, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                verdict = new(ImportOutcome.Failed, $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            }
            summary.Add(verdict.Outcome);
            if (verdict.Reason is not null)
            {
                if (progress) output.Write("\r\u001b[K");
                output.WriteLine($"{ImportSummary.Kind(verdict.Outcome)} {Printable(row.Id)}: {verdict.Reason}");
            }
            if (progress && (DateTime.UtcNow - lastProgress > ProgressInterval || summary.Done == rows.Count))
            {
                lastProgress = DateTime.UtcNow;
                output.Write($"\r\u001b[K{summary.Done}/{rows.Count} originals: {summary[ImportOutcome.Imported] + summary[ImportOutcome.Converted]} imported, {summary[ImportOutcome.AlreadyImported]} already imported");
                output.Flush();
            }
        }
        if (progress) output.Write("\r\u001b[K");
        output.WriteLine(summary);
        return summary;
    }

    private async Task<Verdict> ImportAsync(PymagerOriginal row, Options options, CancellationToken cancellationToken)
    {
        if (row.Status != PymagerCatalogue.StatusOk)
            return new(ImportOutcome.Inconsistent, $"status {row.Status} in pymager: an upload or delete that never finished");
        if (!ImageId.TryParse(row.Id, out var id, out var idError))
            return new(ImportOutcome.RefusedId, idError);
        var path = PymagerPaths.Original(options.DataDirectory, row.Id, row.Format);
        if (!File.Exists(path))
            return new(ImportOutcome.MissingFile, $"{path} does not exist");
        var bytes = new FileInfo(path).Length;
        if (bytes > limits.Value.MaxUploadBytes)
            return new(ImportOutcome.Refused, $"{bytes:N0} bytes, more than Pictor:Limits:MaxUploadBytes ({limits.Value.MaxUploadBytes:N0})");

        if (TrySniff(path) is { } format)
        {
            int width, height;
            try
            {
                using var header = Loaders.Open(path, format, Enums.FailOn.Error);
                (width, height) = (header.Width, header.PageHeight);
            }
            catch (VipsException e)
            {
                return new(ImportOutcome.Refused, $"the {format.Name()} header could not be decoded: {e.Message.Split('\n')[0]}");
            }
            if (Mismatch(row, PilName(format), width, height) is { } difference)
                return new(ImportOutcome.Mismatch, difference);
            var copy = temp.NewPath("import");
            File.Copy(path, copy);
            return await StoreAsync(id, row, copy, null, cancellationToken);
        }

        LegacyImage? legacy;
        try
        {
            legacy = LegacyImage.Open(path, limits.Value.MaxPixels);
        }
        catch (NotSupportedException e)
        {
            return new(ImportOutcome.UnsupportedFormat, $"{row.Format} is not a format Pictor takes, and this file cannot be converted: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            return new(ImportOutcome.Refused, $"the file is not a valid {row.Format}: {e.Message}");
        }
        if (legacy is null && ImageFormats.TryFromName(row.Format, out _))
            return new(ImportOutcome.Refused, $"pymager's record says {row.Format}, but the file is not an image in a format Pictor recognises");
        if (legacy is null)
            return new(ImportOutcome.UnsupportedFormat, $"{row.Format} is not a format Pictor takes (JPEG, PNG, GIF, TIFF, WebP, AVIF), and there is no converter for it");
        if (Mismatch(row, legacy.Format, legacy.Width, legacy.Height) is { } legacyDifference)
            return new(ImportOutcome.Mismatch, legacyDifference);
        if (!options.ConvertUnsupported)
            return new(ImportOutcome.UnsupportedFormat, $"{legacy.Format} is not a format Pictor takes; --convert-unsupported stores it as lossless PNG");
        var png = temp.NewPath("png");
        legacy.SavePng(png);
        return await StoreAsync(id, row, png, $"{legacy.Format} {legacy.Width}×{legacy.Height} stored as lossless PNG", cancellationToken);
    }

    /// <summary>Stores <paramref name="file"/> (a temp file, consumed) as an upload, unless Pictor has it already.</summary>
    /// <param name="conversion">Said of a converted file; null for a file stored as it was.</param>
    private async Task<Verdict> StoreAsync(ImageId id, PymagerOriginal row, string file, string? conversion, CancellationToken cancellationToken)
    {
        try
        {
            var (sha256, _) = await FileHash.Sha256Async(file, cancellationToken);
            string? existing;
            await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
                existing = await db.Originals.AsNoTracking().Where(o => o.Id == id.Value).Select(o => o.Sha256).FirstOrDefaultAsync(cancellationToken);
            if (existing == sha256) return new(ImportOutcome.AlreadyImported);
            if (existing is not null) return Conflict(existing, sha256);

            await originals.StoreAsync(id, file, replace: false, cancellationToken, row.LastStatusChange);
            return conversion is null ? new(ImportOutcome.Imported) : new(ImportOutcome.Converted, conversion);
        }
        catch (ProblemException e) when (e.Status == 409)
        {
            return new(ImportOutcome.Conflict, "another upload stored this ID meanwhile; left alone");
        }
        catch (ProblemException e) when (e.Status is >= 400 and < 500)
        {
            return new(ImportOutcome.Refused, e.Detail);
        }
        finally
        {
            TempArea.TryDelete(file);
        }
    }

    private static Verdict Conflict(string existing, string sha256) =>
        new(ImportOutcome.Conflict, $"Pictor holds other bytes under this ID (SHA-256 {existing[..16]}…, pymager's file {sha256[..16]}…); left alone");

    private ImageFormat? TrySniff(string path)
    {
        try
        {
            return inspector.Sniff(path);
        }
        catch (ProblemException e) when (e.Type == UnsupportedFormatType)
        {
            return null;
        }
    }

    /// <summary>What PIL records as the format of a file of this kind.</summary>
    private static string PilName(ImageFormat format) => format.Name().ToUpperInvariant();

    /// <summary>Width and height as PIL reads them: as stored, before any EXIF orientation.</summary>
    private static string? Mismatch(PymagerOriginal row, string format, int width, int height) =>
        string.Equals(row.Format, format, StringComparison.OrdinalIgnoreCase) && row.Width == width && row.Height == height
            ? null
            : $"pymager's record says {row.Format} {row.Width}×{row.Height}, the file is {format} {width}×{height}";

    private static string Printable(string id) =>
        string.Concat(id.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
