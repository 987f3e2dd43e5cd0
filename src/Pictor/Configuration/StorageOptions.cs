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
}
