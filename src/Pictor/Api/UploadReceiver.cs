using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Pictor.Configuration;
using Pictor.Problems;
using Pictor.Storage;

namespace Pictor.Api;

/// <summary>
/// Streams an upload to a temp file, never holding it in memory: the multipart field <c>file</c> (POST,
/// as pymager) or the raw body (PUT). Over <c>Pictor:Limits:MaxUploadBytes</c> is 413.
/// </summary>
public sealed class UploadReceiver(TempArea temp, IOptions<LimitsOptions> limits)
{
    public const string FileField = "file";

    /// <summary>Room for multipart boundaries and part headers on top of the file itself.</summary>
    public const long MultipartOverhead = 64 * 1024;

    private long MaxBytes => limits.Value.MaxUploadBytes;

    public async Task<string> ReceiveMultipartAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        RefuseDeclaredOversize(request, MultipartOverhead);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw ProblemException.BadRequest("invalid-multipart", $"Expected a multipart/form-data body with the image in the field '{FileField}'; the Content-Type is '{request.ContentType}'.");
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200)
            throw ProblemException.BadRequest("invalid-multipart", "The multipart/form-data Content-Type has no valid boundary.");

        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024, BodyLengthLimit = MaxBytes + 1 };
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase) && HeaderUtilities.RemoveQuotes(disposition.Name).Equals(FileField, StringComparison.Ordinal))
                    return await ReceiveAsync(section.Body, OverLimit, cancellationToken);
                await section.Body.DrainAsync(cancellationToken);
            }
        }
        catch (InvalidDataException e) when (e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            throw OverLimit();
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested && e is not BadHttpRequestException && !StorageFull.Is(e))
        {
            throw ProblemException.BadRequest("invalid-multipart", $"The multipart/form-data body is malformed: {e.Message}");
        }
        throw ProblemException.BadRequest("missing-file", $"The multipart/form-data body has no field named '{FileField}'.");
    }

    public async Task<string> ReceiveRawAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        RefuseDeclaredOversize(request, 0);
        return await ReceiveAsync(request.Body, OverLimit, cancellationToken);
    }

    private void RefuseDeclaredOversize(HttpRequest request, long overhead)
    {
        if (request.ContentLength > MaxBytes + overhead) throw OverLimit();
    }

    /// <summary>Copies <paramref name="source"/> to a new temp file; past the limit, throws what <paramref name="overLimit"/> makes.</summary>
    public async Task<string> ReceiveAsync(Stream source, Func<ProblemException> overLimit, CancellationToken cancellationToken)
    {
        var path = temp.NewPath("upload");
        try
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > MaxBytes) throw overLimit();
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            return path;
        }
        catch
        {
            TempArea.TryDelete(path);
            throw;
        }
    }

    private ProblemException OverLimit() =>
        ProblemException.TooLarge($"The upload is larger than {MaxBytes:N0} bytes (Pictor:Limits:MaxUploadBytes).");
}
