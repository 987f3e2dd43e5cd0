using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pictor.Configuration;

namespace Pictor.Hosting;

/// <summary>Wires <see cref="ShutdownDrain"/> into the host, Kestrel and the request pipeline.</summary>
public static class GracefulShutdown
{
    public static IServiceCollection AddPictorGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.Section))
            .Validate(o => o.DrainSeconds > 0 && o.IdleConnectionSeconds >= 0 && o.IdleConnectionSeconds < o.DrainSeconds,
                "Pictor:Shutdown:DrainSeconds must be positive and Pictor:Shutdown:IdleConnectionSeconds from 0 to less than it.")
            .ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.Value.DrainSeconds));

        services.TryAddSingleton<SocketTransportFactory>();
        services.AddSingleton<DrainableListenerFactory>();
        services.RemoveAll<IConnectionListenerFactory>();
        services.AddSingleton<IConnectionListenerFactory>(sp => sp.GetRequiredService<DrainableListenerFactory>());
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        services.AddOptions<KestrelServerOptions>().Configure<IServiceProvider>((kestrel, sp) =>
            kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Use(next => async connection =>
            {
                var drain = sp.GetRequiredService<ShutdownDrain>();
                drain.ConnectionOpened();
                try
                {
                    await next(connection);
                }
                finally
                {
                    drain.ConnectionClosed();
                }
            })));
        return services;
    }

    /// <summary>
    /// Counts requests in flight; once draining, each response closes its connection. Allocates nothing of its own
    /// per request (one callback for every response, no closure, no state machine unless the request goes async):
    /// it runs before every cached hit.
    /// </summary>
    public static WebApplication UsePictorGracefulShutdown(this WebApplication app)
    {
        var drain = app.Services.GetRequiredService<ShutdownDrain>();
        Func<object, Task> closeIfDraining = response =>
        {
            if (drain.Draining) ((HttpResponse)response).Headers.Connection = "close";
            return Task.CompletedTask;
        };
        app.Use(next => context =>
        {
            drain.RequestStarted();
            context.Response.OnStarting(closeIfDraining, context.Response);
            Task running;
            try
            {
                running = next(context);
            }
            catch
            {
                drain.RequestEnded();
                throw;
            }
            if (!running.IsCompletedSuccessfully) return EndAsync(running, drain);
            drain.RequestEnded();
            return Task.CompletedTask;
        });
        return app;
    }

    private static async Task EndAsync(Task running, ShutdownDrain drain)
    {
        try
        {
            await running;
        }
        finally
        {
            drain.RequestEnded();
        }
    }
}
