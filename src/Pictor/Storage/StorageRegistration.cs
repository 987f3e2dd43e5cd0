using Pictor.Configuration;

namespace Pictor.Storage;

public static class StorageRegistration
{
    public static IServiceCollection AddPictorStorage(this IServiceCollection services, StorageOptions storage)
    {
        services.AddSingleton<TempArea>();
        switch (storage.Provider.ToLowerInvariant())
        {
            case "filesystem":
                services.AddSingleton<IBlobStore, FileSystemBlobStore>();
                break;
            default:
                throw new InvalidOperationException($"Pictor:Storage:Provider is '{storage.Provider}'; expected filesystem or s3.");
        }
        return services;
    }
}
