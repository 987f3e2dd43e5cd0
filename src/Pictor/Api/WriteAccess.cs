using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Docs;
using Pictor.Problems;

namespace Pictor.Api;

/// <summary>
/// Guards an endpoint with a key of at least <see cref="Scope"/> (<see cref="ApiKeys"/>); 401 with a Basic
/// challenge without a valid key, 403 for a valid key of a lower scope, 429 once the client address has failed too
/// often (<see cref="FailedAuthLimiter"/>). <c>Pictor:AllowAnonymousWrites</c> opens everything (development).
/// </summary>
public sealed class WriteAccess(AccessScope scope) : IEndpointFilter
{
    public AccessScope Scope { get; } = scope;

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Demand(context.HttpContext, Scope);
        return next(context);
    }

    /// <summary>Throws the 401/403/429 problem unless the request carries a key of at least <paramref name="scope"/> (or writes are open).</summary>
    public static void Demand(HttpContext http, AccessScope scope)
    {
        var services = http.RequestServices;
        if (services.GetRequiredService<IOptions<PictorOptions>>().Value.AllowAnonymousWrites) return;
        var keys = services.GetRequiredService<ApiKeys>();
        if (!keys.AnyConfigured)
            throw Unauthorized("Writes are disabled: no API key is configured (set Pictor:ApiKeys or Pictor:Keys, or Pictor:AllowAnonymousWrites for development).");
        var presented = ApiKeys.Presented(http.Request)
            ?? throw Unauthorized("This needs an API key: send 'Authorization: Bearer <key>' or HTTP Basic with the key as password.");

        var limiter = services.GetRequiredService<FailedAuthLimiter>();
        var address = FailedAuthLimiter.AddressOf(http);
        if (!limiter.MayTry(address))
            throw new ProblemException(429, "too-many-failed-authentications", "Too many failed authentications",
                "This address sent too many invalid keys; try again after the Retry-After interval.") { RetryAfterSeconds = FailedAuthLimiter.RetryAfterSeconds };
        if (keys.ScopeOf(presented) is not { } granted)
        {
            limiter.Failed(address);
            throw Unauthorized("The API key is not valid.");
        }
        if (granted < scope)
            throw ProblemException.Forbidden("insufficient-scope", $"This key's scope is '{granted.ToString().ToLowerInvariant()}'; this request needs '{scope.ToString().ToLowerInvariant()}'.");
    }

    private static ProblemException Unauthorized(string detail) => new(401, "unauthorized", "Unauthorized", detail);
}

public static class AccessExtensions
{
    /// <summary>Requires a key of at least <paramref name="scope"/> for this endpoint (and says so in the OpenAPI document).</summary>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, AccessScope scope) where TBuilder : IEndpointConventionBuilder
    {
        var access = new WriteAccess(scope);
        return builder.AddEndpointFilter(access).WithMetadata(access)
            .Problems(ProblemTypes.Unauthorized, ProblemTypes.InsufficientScope, ProblemTypes.TooManyFailedAuthentications);
    }
}
