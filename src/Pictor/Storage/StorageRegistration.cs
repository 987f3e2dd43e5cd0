using Microsoft.Extensions.Options;
using Pictor.Configuration;

namespace Pictor.Storage;

public static class StorageRegistration
{
    /// <summary>Registers the <see cref="IBlobStore"/> configured in <c>Pictor:Storage:Provider</c>.</summary>
    public static IServiceCollection AddPictorStorage(this IServiceCollection services)
    {
        services.AddSingleton<TempArea>();
        services.AddSingleton<FileSystemBlobStore>();
        services.AddSingleton<S3BlobStore>();
        services.AddSingleton<IBlobStore>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return storage.Provider.ToLowerInvariant() switch
            {
                "filesystem" => sp.GetRequiredService<FileSystemBlobStore>(),
                "s3" => sp.GetRequiredService<S3BlobStore>(),
                _ => throw new System.Diagnostics.UnreachableException(), // StorageOptionsValidator refused it on .Value
            };
        });
        return services;
    }
}
