namespace Pictor.Tests.Infrastructure;

/// <summary>Reads an instance's counters from <c>/metrics</c>, as a monitoring system would.</summary>
public static class Metrics
{
    public static async Task<long> CounterAsync(this HttpClient client, string series)
    {
        var text = await client.GetStringAsync("/metrics");
        var line = text.Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return long.Parse(line[(series.Length + 1)..]);
    }

    public static Task<long> GeneratedAsync(this HttpClient client) => client.CounterAsync("pictor_derived_generated_total");
}
