using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Observability;

/// <summary>
/// The counters /metrics renders are System.Diagnostics.Metrics instruments of the meter "Pictor" too, so an
/// OpenTelemetry MeterProvider (AddMeter("Pictor")) or dotnet-counters gets them; both views agree.
/// </summary>
public sealed class MeterInstrumentsTests(PictorFixture factory) : IClassFixture<PictorFixture>
{
    [Fact]
    public async Task A_meter_listener_receives_the_counters_and_the_derive_durations_that_metrics_renders()
    {
        var client = factory.Client();
        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        var counters = new ConcurrentDictionary<string, long>();
        var durations = new ConcurrentQueue<double>();
        var published = new ConcurrentBag<string>();
        using var listener = new MeterListener();
        // Only this host's meter: other test classes run their own hosts in the same process.
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name != "Pictor" || !ReferenceEquals(instrument.Meter.Scope, meters)) return;
            published.Add(instrument.Name);
            l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => counters[instrument.Name + Tags(tags)] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == "pictor.derive.duration") durations.Enqueue(value);
        });
        listener.Start();

        var id = "meter" + Guid.NewGuid().ToString("N")[..8];
        await client.UploadOkAsync(id, Corpus.Bytes("wuffs/hat.jpeg"));
        await client.GetByteArrayAsync($"/derived/{id}-20x10.jpg");
        await client.GetByteArrayAsync($"/derived/{id}-20x10.jpg");
        listener.RecordObservableInstruments();

        Assert.Contains("pictor.http.requests", published);
        Assert.Equal(1, counters["pictor.derived.generated"]);
        Assert.Equal(2, counters["pictor.derived.served"]);
        Assert.Equal(1, counters["pictor.uploads"]);
        Assert.Equal(1, counters["pictor.http.requests{code=201,method=POST}"]);
        Assert.Equal(2, counters["pictor.http.requests{code=200,method=GET}"]);
        var duration = Assert.Single(durations);
        Assert.InRange(duration, 1e-6, 60);

        // The Prometheus text shows the same state.
        Assert.Equal(counters["pictor.derived.generated"], await client.CounterAsync("pictor_derived_generated_total"));
        Assert.Equal(counters["pictor.uploads"], await client.CounterAsync("pictor_uploads_total"));
        Assert.Equal(1, await client.CounterAsync("pictor_derive_duration_seconds_count"));
    }

    private static string Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags) => tags.Length == 0
        ? ""
        : "{" + string.Join(",", tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => $"{t.Key}={Convert.ToString(t.Value, CultureInfo.InvariantCulture)}")) + "}";
}
