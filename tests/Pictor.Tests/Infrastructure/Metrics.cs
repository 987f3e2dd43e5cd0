using System.Globalization;

namespace Pictor.Tests.Infrastructure;

/// <summary>Reads counters from a running instance's <c>/metrics</c>.</summary>
public static class Metrics
{
    public static async Task<long> CounterAsync(this HttpClient client, string name)
    {
        var text = await client.GetStringAsync("/metrics");
        var line = text.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return long.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>A counter that is absent until its first increment (a labelled one, such as a status code) reads 0.</summary>
    public static async Task<long> CounterOrZeroAsync(this HttpClient client, string name)
    {
        var text = await client.GetStringAsync("/metrics");
        var line = text.Split('\n').SingleOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }

    public static Task<long> GeneratedAsync(this HttpClient client) => client.CounterAsync("pictor_derived_generated_total");
}
