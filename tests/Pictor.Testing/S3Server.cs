using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// A real S3-compatible server (s3rver from the npm registry, installed into .tools/ by
/// scripts/install-test-deps.sh) on an ephemeral loopback port, storing into a temp folder.
/// </summary>
public sealed partial class S3Server : IDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    private const string FolderPrefix = "pictor-s3";
    private const string PidFile = "server.pid";
    private readonly TempFolder _folder;
    private readonly ServerProcess _server;

    private S3Server(TempFolder folder, ServerProcess server, int port)
    {
        _folder = folder;
        _server = server;
        ServiceUrl = $"http://127.0.0.1:{port}";
    }

    public string ServiceUrl { get; }

    public static async Task<S3Server> StartAsync()
    {
        var script = Environment.GetEnvironmentVariable("PICTOR_S3RVER") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepoPaths.Root, ".tools", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"s3rver is not installed ({script} is missing): run scripts/install-test-deps.sh, which installs s3rver@3.7.1 into .tools/.");
        AbandonedServers.Reap(FolderPrefix, folder => int.TryParse(ReadOrEmpty(Path.Combine(folder, PidFile)), out var pid) ? pid : null);

        var folder = new TempFolder(FolderPrefix);
        AbandonedServers.MarkOwned(folder.Path);
        var data = Path.Combine(folder.Path, "data");
        Directory.CreateDirectory(data);
        // s3rver 3.7.1 ciphers ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node 17+) only has in
        // its legacy provider: without it every second page of a listing is a 500 InternalError.
        var server = ServerProcess.Start("s3rver", "node", ["--openssl-legacy-provider", script, "--directory", data, "--address", "127.0.0.1", "--port", "0", "--silent"]);
        try
        {
            File.WriteAllText(Path.Combine(folder.Path, PidFile), server.Id.ToString());
            server.StopWhenTestHostDies(ServerProcess.SigTerm, folder.Path);
            var line = await server.WaitForLineAsync(l => Listening().IsMatch(l), TimeSpan.FromSeconds(60));
            return new S3Server(folder, server, int.Parse(Listening().Match(line).Groups[1].Value));
        }
        catch (Exception e)
        {
            server.Dispose();
            folder.Dispose();
            throw new InvalidOperationException($"s3rver could not be started for the tests: {e.Message}", e);
        }
    }

    /// <summary>A new, empty bucket; each factory gets its own so tests stay independent.</summary>
    public async Task<string> CreateBucketAsync()
    {
        var name = "pictor-" + Guid.NewGuid().ToString("N")[..16];
        using var client = Client();
        await client.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return name;
    }

    /// <summary>The settings an operator writes to point Pictor at this store.</summary>
    public Dictionary<string, string?> Settings(string bucket) => new()
    {
        ["Pictor:Storage:Provider"] = "s3",
        ["Pictor:Storage:S3:ServiceUrl"] = ServiceUrl,
        ["Pictor:Storage:S3:Bucket"] = bucket,
        ["Pictor:Storage:S3:AccessKey"] = AccessKey,
        ["Pictor:Storage:S3:SecretKey"] = SecretKey,
        ["Pictor:Storage:S3:ForcePathStyle"] = "true",
    };

    /// <summary>A client of its own, so tests look at the bucket without going through Pictor.</summary>
    public AmazonS3Client Client() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = ServiceUrl,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>Every key in the bucket.</summary>
    public async Task<List<string>> KeysAsync(string bucket)
    {
        using var client = Client();
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket };
        while (true)
        {
            var page = await client.ListObjectsV2Async(request);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            if (page.IsTruncated != true) return keys;
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    public void Dispose()
    {
        _server.Stop(ServerProcess.SigTerm, TimeSpan.FromSeconds(5));
        _folder.Dispose();
        _server.Dispose();
    }

    [GeneratedRegex(@"S3rver listening on [0-9.]+:(\d+)")]
    private static partial Regex Listening();

    private static string ReadOrEmpty(string path)
    {
        try { return File.Exists(path) ? File.ReadAllText(path) : ""; }
        catch (IOException) { return ""; }
    }
}
