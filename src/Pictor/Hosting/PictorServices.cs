using Microsoft.Extensions.Options;
using Pictor.Access;
using Pictor.Admin;
using Pictor.Api;
using Pictor.Caching;
using Pictor.Configuration;
using Pictor.Consistency;
using Pictor.Docs;
using Pictor.Fetching;
using Pictor.Derivation;
using Pictor.Images;
using Pictor.Imaging;
using Pictor.Metadata;
using Pictor.Observability;
using Pictor.Originals;
using Pictor.Problems;
using Pictor.Storage;
using Pictor.Webhooks;

namespace Pictor.Hosting;

public static class PictorServices
{
    public static WebApplicationBuilder AddPictor(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var services = builder.Services;

        services.AddOptions<PictorOptions>().Bind(config.GetSection(PictorOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "Pictor:DataDirectory must be set.")
            .ValidateOnStart();
        services.AddOptions<AuthOptions>().Bind(config.GetSection(AuthOptions.Section))
            .Validate(o => o.FailuresPerMinute >= 0, "Pictor:Auth:FailuresPerMinute must not be negative.")
            .ValidateOnStart();
        services.AddOptions<List<ScopedKeyOptions>>().Bind(config.GetSection(ScopedKeyOptions.Section))
            .Validate(keys => keys.All(k => !string.IsNullOrEmpty(k.Key) || k.Sha256 is { Length: 64 }),
                "Each Pictor:Keys entry needs Key, or Sha256 as 64 hex digits.")
            .Validate(keys => keys.All(k => k.Scope.ToLowerInvariant() is "read" or "write" or "admin"),
                "Pictor:Keys Scope must be read, write or admin.")
            .ValidateOnStart();
        services.AddOptions<LimitsOptions>().Bind(config.GetSection(LimitsOptions.Section))
            .Validate(o => o.MaxUploadBytes > 0 && o.MaxPixels > 0 && o.MaxDimension is > 0 and <= 65535 && o.MaxFrames > 0,
                "Pictor:Limits values must be positive (MaxDimension at most 65535).")
            .ValidateOnStart();
        services.AddOptions<EncodingOptions>().Bind(config.GetSection(PictorOptions.Section))
            .Validate(o => new[] { o.Jpeg, o.Webp, o.Avif, o.Tiff }.All(f => f.Quality is >= 1 and <= 100) && o.Png.Compression is >= 0 and <= 9,
                "Pictor:{Format}:Quality must be 1–100 and Pictor:Png:Compression 0–9.")
            .ValidateOnStart();
        services.AddOptions<SigningOptions>().Bind(config.GetSection(SigningOptions.Section))
            .Validate(o => !o.Required || o.Keys.Any(k => !string.IsNullOrEmpty(k)), "Pictor:Signing:Required needs at least one key in Pictor:Signing:Keys.")
            .ValidateOnStart();
        services.AddOptions<FetchOptions>().Bind(config.GetSection(FetchOptions.Section))
            .Validate(o => o.TimeoutSeconds > 0, "Pictor:Fetch:TimeoutSeconds must be positive.")
            .ValidateOnStart();
        services.AddOptions<OriginalsOptions>().Bind(config.GetSection(OriginalsOptions.Section)).ValidateOnStart();
        services.AddOptions<CacheOptions>().Bind(config.GetSection(CacheOptions.Section))
            .Validate(o => o.MaxAgeSeconds >= 0 && o.OriginalMaxAgeSeconds >= 0, "Pictor:Cache max-ages must not be negative.")
            .Validate(o => o.MemoryBytes >= 0 && o.MemoryItemBytes >= 0 && o.ChangeCheckMilliseconds > 0,
                "Pictor:Cache:MemoryBytes and MemoryItemBytes must not be negative; ChangeCheckMilliseconds must be positive.")
            .ValidateOnStart();
        services.AddOptions<HealthOptions>().Bind(config.GetSection(HealthOptions.Section))
            .Validate(o => o.DatabaseCheckMilliseconds >= 0, "Pictor:Health:DatabaseCheckMilliseconds must not be negative.")
            .ValidateOnStart();
        services.AddOptions<DerivationOptions>().Bind(config.GetSection(DerivationOptions.Section))
            .Validate(o => o.MaxConcurrent >= 0 && o.MaxQueue >= 0 && o.LeaseSeconds > 0 && o.WaitSeconds > 0 && o.MaxStoredBytes >= 0,
                "Pictor:Derivation values must not be negative; LeaseSeconds and WaitSeconds must be positive.")
            .ValidateOnStart();
        services.AddOptions<ConsistencyOptions>().Bind(config.GetSection(ConsistencyOptions.Section))
            .Validate(o => o.UploadLeaseSeconds > 0 && o.SweepIntervalSeconds > 0 && o.AbandonedWriteGraceSeconds >= 0, "Pictor:Consistency values must be positive.")
            .ValidateOnStart();

        services.AddOptions<List<WebhookOptions>>().Bind(config.GetSection(WebhookOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<List<WebhookOptions>>, WebhooksValidator>();

        services.AddOptions<AdminOptions>().Bind(config.GetSection(AdminOptions.Section));
        services.AddSingleton<AdminAssets>();

        services.AddOptions<DatabaseOptions>().Bind(config.GetSection(DatabaseOptions.Section))
            .Validate(o => o.Provider.ToLowerInvariant() is "sqlite" or "postgres" or "postgresql" or "mysql" or "mariadb",
                "Pictor:Database:Provider must be sqlite, postgres or mysql.")
            .Validate(o => o.Provider.ToLowerInvariant() is "sqlite" || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Pictor:Database:ConnectionString is required when Pictor:Database:Provider is postgres or mysql.")
            .ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(config.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IValidateOptions<PictorOptions>, PresetsValidator>();
        services.AddPictorMetadata();
        services.AddPictorStorage();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PictorMetrics>();
        services.AddSingleton<ImageInspector>();
        services.AddSingleton<ImageDeriver>();
        services.AddSingleton<ImagingGate>();
        services.AddSingleton<SizePolicy>();
        services.AddSingleton<TransformParser>();
        services.AddSingleton<UrlSigner>();
        services.AddSingleton<DerivedAccess>();
        services.AddSingleton<OriginalAccess>();
        services.AddSingleton<BlobJournal>();
        services.AddSingleton<Recovery>();
        services.AddSingleton<PlaceholderBackfill>();
        services.AddSingleton<ConsistencyCheck>();
        services.AddSingleton<OriginalService>();
        services.AddSingleton<LevelRegenerator>();
        services.AddSingleton<OriginalPatcher>();
        services.AddSingleton<DerivedLeases>();
        services.AddSingleton<ReadyDerivedLookup>();
        services.AddSingleton<DerivedImageService>();
        services.AddSingleton<HitCache>();
        services.AddSingleton<ChangeWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeWatcher>());
        services.AddSingleton<DatabaseHealth>();
        services.AddSingleton<UndecodableOriginals>();
        services.AddSingleton<UploadReceiver>();
        services.AddSingleton<FetchPolicy>();
        services.AddSingleton<UrlFetcher>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<FailedAuthLimiter>();
        services.AddHostedService<RecoveryService>();
        services.AddSingleton<EagerDerivations>();
        services.AddHostedService(sp => sp.GetRequiredService<EagerDerivations>());
        services.AddSingleton<DerivedEviction>();
        services.AddHostedService(sp => sp.GetRequiredService<DerivedEviction>());
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<OutboxLeases>();
        services.AddHostedService<WebhookDispatcher>();

        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions["requestId"] = c.HttpContext.TraceIdentifier;
            // The exception handler clears the headers RequestMetricsMiddleware set before it writes the problem.
            c.HttpContext.Response.Headers[RequestMetricsMiddleware.RequestIdHeader] = c.HttpContext.TraceIdentifier;
            c.ProblemDetails.Extensions.Remove("traceId");
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);

        services.AddPictorApiDocs(config);
        services.AddPictorKestrelLimits(config);
        services.AddPictorGracefulShutdown(config);
        return builder;
    }

    /// <summary>Before serving: libvips set up, migrations applied, and (unless only checking) leftovers of a crash cleaned.</summary>
    public static async Task PrepareAsync(this WebApplication app, bool recover = true, CancellationToken cancellationToken = default)
    {
        VipsRuntime.Configure(app.Services.GetRequiredService<IOptions<DerivationOptions>>().Value, app.Logger);
        await MetadataRegistration.MigrateAsync(app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PictorDbContext>>(), cancellationToken);
        if (recover) await app.Services.GetRequiredService<Recovery>().RunAsync(cancellationToken);
    }
}
