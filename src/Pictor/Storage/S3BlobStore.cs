using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Observability;

namespace Pictor.Storage;

/// <summary>
/// Objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2, s3rver): a custom endpoint with
/// path-style addressing. Originals stream in from a local file and every object out from the response; only
/// derived images, made in memory, are put from memory. A PUT is atomic in S3: readers see the whole object or none.
/// Every operation used here is idempotent (GET, PUT of a whole object, DELETE, LIST), so the SDK's standard retry
/// mode retries each on 5xx, resets and timeouts, a bounded number of times with jittered exponential backoff; what
/// still fails becomes <see cref="ObjectStoreUnavailableException"/> (503 with Retry-After).
/// </summary>
public sealed class S3BlobStore : IBlobStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly TempArea _temp;
    private readonly PictorMetrics _metrics;

    public S3BlobStore(IOptions<StorageOptions> options, TempArea temp, PictorMetrics metrics)
    {
        var s3 = options.Value.S3;
        _bucket = s3.Bucket!;
        _temp = temp;
        _metrics = metrics;
        _client = new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), new AmazonS3Config
        {
            ServiceURL = s3.ServiceUrl,
            ForcePathStyle = s3.ForcePathStyle,
            AuthenticationRegion = s3.Region,
            // Checksums only where the API demands them: stores other than AWS (s3rver among them) do not
            // all understand the SDK's default trailing checksums (see NOTES.md).
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            // Chosen, not inherited: standard mode (full-jitter exponential backoff, at most 20 s per wait, and a
            // retry quota that stops retrying when most requests fail); a bounded number of retries; and a timeout
            // per attempt, so that a stalled store costs at most (MaxRetries + 1) × TimeoutSeconds plus backoff.
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = s3.MaxRetries,
            Timeout = TimeSpan.FromSeconds(s3.TimeoutSeconds),
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(s3.TimeoutSeconds, 5)),
            // A reset looks like a stale pooled connection, which the SDK retries at once, outside MaxErrorRetry,
            // 10 times by default: against a store that resets everything that is 13+ attempts per operation
            // without backoff. Four cover the real case (idle connections the store closed): with one, s3rver's
            // closing of kept-alive connections under two concurrent test classes turned uploads into 503s
            // (8 of 78 cluster derive tests, every run); with four, none in repeated runs.
            MaxStaleConnectionRetries = 4,
        });
    }

    /// <summary>Keys per ListObjectsV2 page (S3's maximum); smaller in tests, to cover the paging.</summary>
    internal int ListPageSize { get; init; } = 1000;

    public Task PutFileAsync(string key, string localFile, CancellationToken cancellationToken) =>
        PutAsync(key, request => request.FilePath = localFile, cancellationToken);

    /// <summary>An acknowledged S3 PUT is durable either way.</summary>
    public async Task PutBytesAsync(string key, byte[] content, bool durably, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(content, writable: false);
        await PutAsync(key, request => request.InputStream = body, cancellationToken);
    }

    /// <summary>
    /// A PUT with a known length, so the SDK streams it; without chunk encoding, since some stores keep
    /// aws-chunked framing as part of the object.
    /// </summary>
    private async Task PutAsync(string key, Action<PutObjectRequest> setBody, CancellationToken cancellationToken)
    {
        BlobKeys.EnsureWellFormed(key);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            ContentType = "application/octet-stream",
            UseChunkEncoding = false,
            AutoCloseStream = false,
        };
        setBody(request);
        await CallAsync("PUT", key, () => _client.PutObjectAsync(request, cancellationToken), cancellationToken);
    }

    public async Task<BlobStream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var response = await GetAsync(key, cancellationToken);
        return response is null ? null : new BlobStream(new ResponseStream(response), response.ContentLength);
    }

    public async Task<LocalBlob?> GetLocalFileAsync(string key, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(key, cancellationToken);
        if (response is null) return null;
        var path = _temp.NewPath("blob");
        try
        {
            long copied;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await response.ResponseStream.CopyToAsync(file, 1 << 16, cancellationToken);
                copied = file.Length;
            }
            if (copied != response.ContentLength)
                throw new IOException($"Downloading {key} gave {copied} bytes; the store announced {response.ContentLength}.");
            return new LocalBlob(path, temporary: true);
        }
        catch (Exception e) when (IsStoreFault(e, cancellationToken))
        {
            TempArea.TryDelete(path); // the body was cut short (a local disk's failure is not a store fault)
            _metrics.ObjectStoreOperation("GET", "unavailable");
            throw new ObjectStoreUnavailableException("GET", key, e);
        }
        catch
        {
            TempArea.TryDelete(path);
            throw;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        BlobKeys.EnsureWellFormed(key);
        // S3 answers 204 for a missing key too
        await CallAsync("DELETE", key, () => _client.DeleteObjectAsync(_bucket, key, cancellationToken), cancellationToken);
    }

    /// <summary>Pictor's own keys only (its two prefixes), so a bucket shared with other data is never reported as Pictor's.</summary>
    public async IAsyncEnumerable<BlobEntry> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var prefix in BlobKeys.Prefixes)
        {
            var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix, MaxKeys = ListPageSize };
            while (true)
            {
                var page = await CallAsync("LIST", prefix, () => _client.ListObjectsV2Async(request, cancellationToken), cancellationToken);
                foreach (var o in page.S3Objects ?? [])
                    yield return new BlobEntry(o.Key, o.Size ?? 0, o.LastModified is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : DateTimeOffset.MinValue);
                if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken)) break;
                request.ContinuationToken = page.NextContinuationToken;
            }
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<GetObjectResponse?> GetAsync(string key, CancellationToken cancellationToken)
    {
        BlobKeys.EnsureWellFormed(key);
        try
        {
            return await CallAsync("GET", key, () => _client.GetObjectAsync(_bucket, key, cancellationToken), cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode == "NoSuchKey")
        {
            return null;
        }
    }

    /// <summary>One operation, retried by the SDK; counted, and turned into <see cref="ObjectStoreUnavailableException"/> when the store failed it.</summary>
    private async Task<T> CallAsync<T>(string operation, string key, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            var result = await call();
            _metrics.ObjectStoreOperation(operation, "ok");
            return result;
        }
        catch (Exception e) when (IsStoreFault(e, cancellationToken))
        {
            _metrics.ObjectStoreOperation(operation, "unavailable");
            throw new ObjectStoreUnavailableException(operation, key, e);
        }
        catch (Exception)
        {
            _metrics.ObjectStoreOperation(operation, "failed");
            throw;
        }
    }

    /// <summary>
    /// 5xx answers, and the transport failing: refused or reset connections, responses cut short, and an attempt's
    /// timeout (HttpClient reports it as a cancellation the caller did not ask for).
    /// </summary>
    private static bool IsStoreFault(Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested) return true;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError }
                or HttpRequestException or HttpIOException or SocketException or TimeoutException)
                return true;
        }
        return false;
    }

    /// <summary>The body of a GetObject response; disposing it ends the response (and frees its connection).</summary>
    private sealed class ResponseStream(GetObjectResponse response) : Stream
    {
        private readonly Stream _inner = response.ResponseStream;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => response.ContentLength;
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) response.Dispose();
            base.Dispose(disposing);
        }
    }
}
