using Microsoft.Extensions.Options;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Cluster;

/// <summary>Cluster mode refuses to start half-configured, naming what is missing.</summary>
public sealed class ClusterConfigurationTests
{
    [Theory]
    [InlineData("Pictor:Storage:S3:ServiceUrl", "not a url", "Pictor:Storage:S3:ServiceUrl")]
    [InlineData("Pictor:Storage:S3:Bucket", "", "Pictor:Storage:S3:Bucket")]
    [InlineData("Pictor:Storage:S3:SecretKey", "", "Pictor:Storage:S3:SecretKey")]
    [InlineData("Pictor:Storage:Provider", "ftp", "expected filesystem or s3")]
    public void S3_settings_are_checked_at_start(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Pictor:Storage:Provider"] = "s3",
            ["Pictor:Storage:S3:ServiceUrl"] = "http://127.0.0.1:9",
            ["Pictor:Storage:S3:Bucket"] = "pictor",
            ["Pictor:Storage:S3:AccessKey"] = "key",
            ["Pictor:Storage:S3:SecretKey"] = "secret",
            [key] = value,
        };
        using var factory = new PictorFactory(settings);
        var error = Assert.Throws<OptionsValidationException>(() => factory.Services);
        Assert.Contains(named, error.Message);
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    [InlineData("mariadb")]
    public void A_database_server_needs_a_connection_string(string provider)
    {
        using var factory = new PictorFactory(new Dictionary<string, string?> { ["Pictor:Database:Provider"] = provider });
        var error = Assert.Throws<OptionsValidationException>(() => factory.Services);
        Assert.Contains("Pictor:Database:ConnectionString", error.Message);
    }

    [Fact]
    public void An_unknown_database_provider_is_refused_with_the_ones_there_are()
    {
        using var factory = new PictorFactory(new Dictionary<string, string?> { ["Pictor:Database:Provider"] = "oracle" });
        var error = Assert.Throws<OptionsValidationException>(() => factory.Services);
        Assert.Contains("Pictor:Database:Provider must be sqlite, postgres or mysql", error.Message);
    }
}
