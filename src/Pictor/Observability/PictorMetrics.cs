using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Pictor.Metadata;

namespace Pictor.Observability;

/// <summary>The service's counters, rendered in the Prometheus text format at <c>/metrics</c>.</summary>
public sealed class PictorMetrics
{
    private static readonly double[] DeriveBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<(string Method, int Status), long> _requests = new();
    private readonly long[] _deriveBucketCounts = new long[DeriveBuckets.Length];
    private long _deriveCount;
    private long _deriveSumMicros;
    private long _derivedGenerated;
    private long _derivedServed;
    private long _uploads;
    private long _uploadsRefused;
    private long _imagingRejected;
    private long _journalBlobsDeleted;
    private long _derivedInvalidated;
    private long _derivedPurged;

    public void Request(string method, int status) => _requests.AddOrUpdate((method, status), 1, (_, n) => n + 1);

    public void DerivedGenerated(TimeSpan took)
    {
        Interlocked.Increment(ref _derivedGenerated);
        Interlocked.Increment(ref _deriveCount);
        Interlocked.Add(ref _deriveSumMicros, (long)(took.TotalMilliseconds * 1000));
        for (var i = 0; i < DeriveBuckets.Length; i++)
            if (took.TotalSeconds <= DeriveBuckets[i]) Interlocked.Increment(ref _deriveBucketCounts[i]);
    }

    public void DerivedServed() => Interlocked.Increment(ref _derivedServed);
    public void Uploaded() => Interlocked.Increment(ref _uploads);
    public void UploadRefused() => Interlocked.Increment(ref _uploadsRefused);
    public void ImagingRejected() => Interlocked.Increment(ref _imagingRejected);
    public void JournalBlobsDeleted(int count) => Interlocked.Add(ref _journalBlobsDeleted, count);
    public void DerivedInvalidated(int count) => Interlocked.Add(ref _derivedInvalidated, count);
    public void DerivedPurged(int count) => Interlocked.Add(ref _derivedPurged, count);

    public long GeneratedCount => Interlocked.Read(ref _derivedGenerated);

    /// <param name="stored">What is stored now, counted from the database at this scrape; null leaves those gauges out.</param>
    public string Render(StorageTotals? stored)
    {
        var s = new StringBuilder();
        if (stored is not null) StorageGauges(s, stored);
        Counter(s, "pictor_derived_generated_total", "Derived images generated (encoded and stored) by this instance.", Interlocked.Read(ref _derivedGenerated));
        Counter(s, "pictor_derived_served_total", "Derived image responses served (200 or 304).", Interlocked.Read(ref _derivedServed));
        Counter(s, "pictor_uploads_total", "Originals stored (POST or PUT answered 200/201).", Interlocked.Read(ref _uploads));
        Counter(s, "pictor_uploads_refused_total", "Uploads refused as not a valid image or over limits.", Interlocked.Read(ref _uploadsRefused));
        Counter(s, "pictor_imaging_rejected_total", "Image operations refused with 503 because the queue was full.", Interlocked.Read(ref _imagingRejected));
        Counter(s, "pictor_derived_invalidated_total", "Derived images removed because what they were made from changed (focal point).", Interlocked.Read(ref _derivedInvalidated));
        Counter(s, "pictor_derived_purged_total", "Derived images removed by DELETE /original/{id}/derived.", Interlocked.Read(ref _derivedPurged));
        Counter(s, "pictor_journal_blobs_deleted_total", "Blobs deleted by the journal sweeper.", Interlocked.Read(ref _journalBlobsDeleted));

        var gc = GC.GetGCMemoryInfo();
        Gauge(s, "process_resident_memory_bytes", "Resident memory of the process (RSS).", Environment.WorkingSet);
        Gauge(s, "dotnet_gc_heap_size_bytes", "Managed heap size after the last garbage collection.", gc.HeapSizeBytes);
        Gauge(s, "dotnet_gc_committed_bytes", "Memory committed by the garbage collector; the rest of the RSS is native (libvips, SQLite, Kestrel, code).", gc.TotalCommittedBytes);
        Gauge(s, "dotnet_threadpool_threads", "Thread pool threads.", ThreadPool.ThreadCount);

        s.Append("# HELP pictor_http_requests_total HTTP requests by method and status code.\n# TYPE pictor_http_requests_total counter\n");
        foreach (var ((method, status), n) in _requests.OrderBy(r => r.Key.Method).ThenBy(r => r.Key.Status))
            s.Append(CultureInfo.InvariantCulture, $"pictor_http_requests_total{{method=\"{method}\",code=\"{status}\"}} {n}\n");

        s.Append("# HELP pictor_derive_duration_seconds Time to generate a derived image (decode, resize, encode, store).\n# TYPE pictor_derive_duration_seconds histogram\n");
        for (var i = 0; i < DeriveBuckets.Length; i++)
            s.Append(CultureInfo.InvariantCulture, $"pictor_derive_duration_seconds_bucket{{le=\"{DeriveBuckets[i]}\"}} {Interlocked.Read(ref _deriveBucketCounts[i])}\n");
        var count = Interlocked.Read(ref _deriveCount);
        s.Append(CultureInfo.InvariantCulture, $"pictor_derive_duration_seconds_bucket{{le=\"+Inf\"}} {count}\n");
        s.Append(CultureInfo.InvariantCulture, $"pictor_derive_duration_seconds_sum {Interlocked.Read(ref _deriveSumMicros) / 1e6}\n");
        s.Append(CultureInfo.InvariantCulture, $"pictor_derive_duration_seconds_count {count}\n");
        return s.ToString();
    }

    private static void StorageGauges(StringBuilder s, StorageTotals stored)
    {
        Gauge(s, "pictor_stored_originals", "Originals stored (counted from the database at each scrape).", stored.Originals.Count);
        Gauge(s, "pictor_stored_original_bytes", "Bytes of the stored originals.", stored.Originals.Bytes);
        Gauge(s, "pictor_stored_derived", "Derived images stored (ready ones).", stored.Derived.Count);
        Gauge(s, "pictor_stored_derived_bytes", "Bytes of the stored derived images.", stored.Derived.Bytes);
    }

    private static void Gauge(StringBuilder s, string name, string help, long value) =>
        s.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n");

    private static void Counter(StringBuilder s, string name, string help, long value) =>
        s.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}\n");
}
