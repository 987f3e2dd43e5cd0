using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pictor.Client;

/// <summary>Registers <see cref="PictorClient"/> as a typed client of <c>IHttpClientFactory</c>.</summary>
public static class PictorServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="PictorClient"/> (transient, over a pooled HttpClient) configured by <paramref name="configure"/>;
    /// the returned builder adds handlers, resilience or a primary handler as for any typed client.
    /// </summary>
    public static IHttpClientBuilder AddPictorClient(this IServiceCollection services, Action<PictorClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PictorClientOptions>().Configure(configure)
            .Validate(o => o.BaseAddress is { IsAbsoluteUri: true }, "PictorClientOptions.BaseAddress must be an absolute URI.");
        return services.AddHttpClient(nameof(PictorClient))
            .AddTypedClient((http, provider) => new PictorClient(http, provider.GetRequiredService<IOptions<PictorClientOptions>>().Value));
    }
}
