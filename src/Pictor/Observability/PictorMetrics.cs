using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Pictor.Metadata;
using Pictor.Webhooks;

namespace Pictor.Observability;

/// <summary>
/// The service's counters, rendered in the Prometheus text format at <c>/metrics</c> and published as
/// System.Diagnostics.Metrics instruments of the meter <see cref="MeterName"/> (for OpenTelemetry, dotnet-counters, …).
/// The counters are observable instruments over the same fields /metrics renders, so a request costs what it did
/// (an interlocked increment) and both views always agree; the derive-duration histogram is recorded on both.
/// Instrument names are the Prometheus names in OpenTelemetry's spelling: an exporter that maps '.' to '_',
/// adds the unit and '_total' to counters gives the same names as /metrics.
/// The pictor_stored_* gauges are the exception: they are counted from the database at each /metrics scrape
/// (<see cref="Render"/>'s argument), which an instrument callback should not do, so they are /metrics only.
/// </summary>
public sealed class PictorMetrics
{
    public const string MeterName = "Pictor";
    private static readonly double[] DeriveBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Counted in place: an update of the dictionary takes a lock, and every request counts (cached hits at tens of thousands a second).</summary>
    private readonly ConcurrentDictionary<(string Method, int Status), StrongBox<long>> _requests = new();
    private readonly ConcurrentDictionary<(string Operation, string Outcome), long> _objectStore = new();
    private readonly long[] _deriveBucketCounts = new long[DeriveBuckets.Length];
    private long _deriveCount;
    private long _deriveSumMicros;
    private long _derivedGenerated;
    private long _derivedServed;
    private long _derivedFromMemory;
    private long _uploads;
    private long _uploadsRefused;
    private long _imagingRejected;
    private long _journalBlobsDeleted;
    private long _derivedInvalidated;
    private long _derivedPurged;
    private long _derivedEvicted;
    private long _webhooksDelivered;
    private long _webhooksFailed;
    private readonly Histogram<double> _deriveDuration;
    private readonly (string Name, string Help, Func<long> Read)[] _counters;

    public PictorMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _counters =
        [
            Observe(meter, "pictor.derived.generated", "{image}", "Derived images generated (encoded and stored) by this instance.", () => Interlocked.Read(ref _derivedGenerated)),
            Observe(meter, "pictor.derived.served", "{response}", "Derived image responses served (200 or 304).", () => Interlocked.Read(ref _derivedServed)),
            Observe(meter, "pictor.derived.memory_hits", "{response}", "Derived image responses (of pictor.derived.served) answered from the in-memory hit cache, without the database or the store.", () => Interlocked.Read(ref _derivedFromMemory)),
            Observe(meter, "pictor.uploads", "{image}", "Originals stored (POST or PUT answered 200/201).", () => Interlocked.Read(ref _uploads)),
            Observe(meter, "pictor.uploads.refused", "{upload}", "Uploads refused as not a valid image or over limits.", () => Interlocked.Read(ref _uploadsRefused)),
            Observe(meter, "pictor.imaging.rejected", "{operation}", "Image operations refused with 503 because the queue was full.", () => Interlocked.Read(ref _imagingRejected)),
            Observe(meter, "pictor.derived.invalidated", "{image}", "Derived images removed because what they were made from changed (focal point).", () => Interlocked.Read(ref _derivedInvalidated)),
            Observe(meter, "pictor.derived.purged", "{image}", "Derived images removed by DELETE /original/{id}/derived.", () => Interlocked.Read(ref _derivedPurged)),
            Observe(meter, "pictor.derived.evicted", "{image}", "Derived images evicted to keep within Pictor:Derivation:MaxStoredBytes (made again on request).", () => Interlocked.Read(ref _derivedEvicted)),
            Observe(meter, "pictor.webhooks.delivered", "{event}", "Webhook events delivered by this instance (the receiver answered 2xx).", () => Interlocked.Read(ref _webhooksDelivered)),
            Observe(meter, "pictor.webhooks.failed", "{attempt}", "Webhook delivery attempts of this instance that failed (non-2xx, refused, timed out); each is retried.", () => Interlocked.Read(ref _webhooksFailed)),
            Observe(meter, "pictor.journal.blobs_deleted", "{blob}", "Blobs deleted by the journal sweeper.", () => Interlocked.Read(ref _journalBlobsDeleted)),
        ];
        meter.CreateObservableCounter("pictor.http.requests", () => _requests.Select(r =>
                new Measurement<long>(Interlocked.Read(ref r.Value.Value), new KeyValuePair<string, object?>("method", r.Key.Method), new KeyValuePair<string, object?>("code", r.Key.Status.ToString(CultureInfo.InvariantCulture)))),
            "{request}", "HTTP requests by method and status code.");
        meter.CreateObservableCounter("pictor.object_store.operations", () => _objectStore.Select(r =>
                new Measurement<long>(r.Value, new KeyValuePair<string, object?>("operation", r.Key.Operation), new KeyValuePair<string, object?>("outcome", r.Key.Outcome))),
            "{operation}", "Object store operations by outcome after the client's retries (ok, unavailable = 503, failed).");
        _deriveDuration = meter.CreateHistogram("pictor.derive.duration", "s", "Time to generate a derived image (decode, resize, encode, store).",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DeriveBuckets });
    }

    /// <summary>An observable counter; its Prometheus name is the instrument's with '_' for '.' and a '_total' suffix.</summary>
    private static (string Name, string Help, Func<long> Read) Observe(Meter meter, string name, string unit, string description, Func<long> read)
    {
        meter.CreateObservableCounter(name, read, unit, description);
        return (name.Replace('.', '_') + "_total", description, read);
    }

    public void Request(string method, int status) =>
        Interlocked.Increment(ref _requests.GetOrAdd((method, status), static _ => new StrongBox<long>()).Value);

    public void DerivedGenerated(TimeSpan took)
    {
        Interlocked.Increment(ref _derivedGenerated);
        _deriveDuration.Record(took.TotalSeconds);
        Interlocked.Increment(ref _deriveCount);
        Interlocked.Add(ref _deriveSumMicros, (long)(took.TotalMilliseconds * 1000));
        for (var i = 0; i < DeriveBuckets.Length; i++)
            if (took.TotalSeconds <= DeriveBuckets[i]) Interlocked.Increment(ref _deriveBucketCounts[i]);
    }

    /// <summary>An object store operation as the caller saw it, after the client's retries.</summary>
    public void ObjectStoreOperation(string operation, string outcome) => _objectStore.AddOrUpdate((operation, outcome), 1, (_, n) => n + 1);

    public void DerivedServed() => Interlocked.Increment(ref _derivedServed);

    public void DerivedServedFromMemory()
    {
        Interlocked.Increment(ref _derivedServed);
        Interlocked.Increment(ref _derivedFromMemory);
    }
    public void Uploaded() => Interlocked.Increment(ref _uploads);
    public void UploadRefused() => Interlocked.Increment(ref _uploadsRefused);
    public void ImagingRejected() => Interlocked.Increment(ref _imagingRejected);
    public void JournalBlobsDeleted(int count) => Interlocked.Add(ref _journalBlobsDeleted, count);
    public void DerivedInvalidated(int count) => Interlocked.Add(ref _derivedInvalidated, count);
    public void DerivedPurged(int count) => Interlocked.Add(ref _derivedPurged, count);
    public void DerivedEvicted(int count) => Interlocked.Add(ref _derivedEvicted, count);
    public void WebhookDelivered() => Interlocked.Increment(ref _webhooksDelivered);
    public void WebhookFailed() => Interlocked.Increment(ref _webhooksFailed);

    public long GeneratedCount => Interlocked.Read(ref _derivedGenerated);

    /// <param name="stored">What is stored now, counted from the database at this scrape; null leaves those gauges out.</param>
    /// <param name="outbox">Webhook deliveries waiting, counted likewise; null leaves them out.</param>
    public string Render(StorageTotals? stored, OutboxTotals? outbox = null)
    {
        var s = new StringBuilder();
        if (stored is not null) StorageGauges(s, stored);
        if (outbox is not null)
        {
            Gauge(s, "pictor_webhooks_pending", "Webhook deliveries not yet acknowledged, all instances (counted from the database at each scrape).", outbox.Pending);
            Gauge(s, "pictor_webhooks_failing", "Pending webhook deliveries whose last attempt failed (retried with backoff).", outbox.Failing);
        }
        foreach (var (name, help, read) in _counters) Counter(s, name, help, read());

        var gc = GC.GetGCMemoryInfo();
        Gauge(s, "process_resident_memory_bytes", "Resident memory of the process (RSS).", Environment.WorkingSet);
        Gauge(s, "dotnet_gc_heap_size_bytes", "Managed heap size after the last garbage collection.", gc.HeapSizeBytes);
        Gauge(s, "dotnet_gc_committed_bytes", "Memory committed by the garbage collector; the rest of the RSS is native (libvips, SQLite, Kestrel, code).", gc.TotalCommittedBytes);
        Gauge(s, "dotnet_threadpool_threads", "Thread pool threads.", ThreadPool.ThreadCount);

        s.Append("# HELP pictor_http_requests_total HTTP requests by method and status code.\n# TYPE pictor_http_requests_total counter\n");
        foreach (var ((method, status), n) in _requests.OrderBy(r => r.Key.Method).ThenBy(r => r.Key.Status))
            s.Append(CultureInfo.InvariantCulture, $"pictor_http_requests_total{{method=\"{method}\",code=\"{status}\"}} {Interlocked.Read(ref n.Value)}\n");

        s.Append("# HELP pictor_object_store_operations_total Object store operations by outcome after the client's retries (ok, unavailable = 503, failed).\n# TYPE pictor_object_store_operations_total counter\n");
        foreach (var ((operation, outcome), n) in _objectStore.OrderBy(r => r.Key.Operation).ThenBy(r => r.Key.Outcome))
            s.Append(CultureInfo.InvariantCulture, $"pictor_object_store_operations_total{{operation=\"{operation}\",outcome=\"{outcome}\"}} {n}\n");

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
