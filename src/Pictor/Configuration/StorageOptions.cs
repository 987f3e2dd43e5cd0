namespace Pictor.Configuration;

public sealed class StorageOptions
{
    public const string Section = "Pictor:Storage";

    /// <summary><c>filesystem</c> or <c>s3</c>.</summary>
    public string Provider { get; set; } = "filesystem";

    public S3Options S3 { get; set; } = new();
}

public sealed class S3Options
{
    public string? ServiceUrl { get; set; }
    public string? Bucket { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string Region { get; set; } = "us-east-1";
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>How long one attempt of a request may take, body included, before it is abandoned and retried.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of a failed request (5xx, reset, timeout) after the first attempt, with jittered exponential backoff.</summary>
    public int MaxRetries { get; set; } = 3;
}
