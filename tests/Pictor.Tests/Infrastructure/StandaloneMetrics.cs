using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Pictor.Observability;

namespace Pictor.Tests.Infrastructure;

/// <summary>A <see cref="PictorMetrics"/> outside a host, for tests that build one component by hand; its meter is its own.</summary>
public static class StandaloneMetrics
{
    private static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static PictorMetrics Create() => new(Meters);
}
