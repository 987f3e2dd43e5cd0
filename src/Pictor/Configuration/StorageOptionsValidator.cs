using Microsoft.Extensions.Options;

namespace Pictor.Configuration;

/// <summary>Refuses to start with a storage provider that could not work, naming every missing key.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var provider = options.Provider.ToLowerInvariant();
        if (provider is not ("filesystem" or "s3"))
            return ValidateOptionsResult.Fail($"Pictor:Storage:Provider is '{options.Provider}'; expected filesystem or s3.");
        if (provider != "s3") return ValidateOptionsResult.Success;

        var s3 = options.S3;
        List<string> failures = [];
        if (!Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            failures.Add($"Pictor:Storage:S3:ServiceUrl must be the store's http(s) endpoint (e.g. https://s3.eu-west-1.amazonaws.com or http://minio:9000); got '{s3.ServiceUrl}'.");
        if (string.IsNullOrWhiteSpace(s3.Bucket))
            failures.Add("Pictor:Storage:S3:Bucket is required when Pictor:Storage:Provider is s3.");
        if (string.IsNullOrWhiteSpace(s3.AccessKey) || string.IsNullOrWhiteSpace(s3.SecretKey))
            failures.Add("Pictor:Storage:S3:AccessKey and Pictor:Storage:S3:SecretKey are required when Pictor:Storage:Provider is s3.");
        if (string.IsNullOrWhiteSpace(s3.Region))
            failures.Add("Pictor:Storage:S3:Region must not be empty (us-east-1 suits most S3-compatible stores).");
        if (s3.TimeoutSeconds is < 1 or > 3600)
            failures.Add($"Pictor:Storage:S3:TimeoutSeconds must be 1 to 3600; got {s3.TimeoutSeconds}.");
        if (s3.MaxRetries is < 0 or > 10)
            failures.Add($"Pictor:Storage:S3:MaxRetries must be 0 to 10; got {s3.MaxRetries}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
