using System.Text.Json;

namespace Pictor.Soak;

/// <summary>Originals and derived images stored, from the service's <c>/stats</c>, sampled every 15 s.</summary>
public sealed class RecordCounts
{
    private readonly List<(double Seconds, long Records)> _samples = [];

    /// <returns>The records stored now, or -1 when the service was too busy to say.</returns>
    public async Task<long> SampleAsync(HttpClient client, double seconds)
    {
        try
        {
            using var stats = JsonDocument.Parse(await client.GetStringAsync("/stats"));
            var records = stats.RootElement.GetProperty("originals").GetProperty("count").GetInt64()
                + stats.RootElement.GetProperty("derived").GetProperty("count").GetInt64();
            lock (_samples) _samples.Add((seconds, records));
            return records;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return -1;
        }
    }

    /// <summary>The first sample at or after <paramref name="seconds"/> (the last one if none is).</summary>
    public long At(double seconds)
    {
        lock (_samples) return _samples.FirstOrDefault(s => s.Seconds >= seconds, _samples.LastOrDefault()).Records;
    }

    public long MostAfter(double seconds)
    {
        lock (_samples) return _samples.Where(s => s.Seconds >= seconds).Select(s => s.Records).DefaultIfEmpty().Max();
    }
}
