using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Pictor.Api;
using Pictor.Configuration;

namespace Pictor.Hosting;

/// <summary>
/// Kestrel's limits for a service that takes uploads from the internet, set explicitly rather than left
/// to Kestrel's defaults, so that slow or stalled clients are cut off and cannot hold connections, temp
/// files and threads. An operator can change any of them under <c>Kestrel:Limits</c>
/// (<c>Kestrel__Limits__MinRequestBodyDataRate__BytesPerSecond</c>, …), which is bound after these.
/// </summary>
public static class KestrelLimits
{
    /// <summary>A body or response slower than this on average, after the grace period, is aborted.
    /// Slowloris sends a few bytes a second; a phone on 2G still manages about 10 KB/s.</summary>
    public const double MinBytesPerSecond = 1024;

    public static readonly TimeSpan DataRateGracePeriod = TimeSpan.FromSeconds(10);

    /// <summary>All of the request line and headers must arrive within this.</summary>
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(15);

    /// <summary>An idle kept-alive connection is closed after this.</summary>
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(60);

    public static IServiceCollection AddPictorKestrelLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>((kestrel, limits) =>
        {
            kestrel.AddServerHeader = false;
            // The multipart framing around a file at the limit must still fit; the file itself is counted exactly.
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxUploadBytes + UploadReceiver.MultipartOverhead;
            kestrel.Limits.RequestHeadersTimeout = RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = KeepAliveTimeout;
            kestrel.Limits.MinRequestBodyDataRate = DataRate(configuration.GetSection("Kestrel:Limits:MinRequestBodyDataRate"));
            kestrel.Limits.MinResponseDataRate = DataRate(configuration.GetSection("Kestrel:Limits:MinResponseDataRate"));
        });
        services.Configure<KestrelServerOptions>(configuration.GetSection("Kestrel"));
        return services;
    }

    /// <summary>The binder cannot change a <see cref="MinDataRate"/> (immutable, and already set), so it is read here.</summary>
    private static MinDataRate DataRate(IConfigurationSection section) => new(
        section.GetValue(nameof(MinDataRate.BytesPerSecond), MinBytesPerSecond),
        section.GetValue(nameof(MinDataRate.GracePeriod), DataRateGracePeriod));
}
