using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Images;
using Pictor.Storage;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Cluster;

/// <summary><see cref="S3BlobStore"/> against a real S3-compatible server (s3rver), byte for byte.</summary>
public sealed class S3BlobStoreTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _data = new("pictor-s3store");
    private TempArea? _temp;
    private S3Server? _s3;
    private string _bucket = "";

    public async Task InitializeAsync()
    {
        _s3 = await TestServers.S3Async();
        _bucket = await _s3.CreateBucketAsync();
        _temp = new TempArea(Options.Create(new PictorOptions { DataDirectory = _data.Path }));
    }

    private S3BlobStore Store(int listPageSize = 1000)
    {
        var options = new StorageOptions { Provider = "s3", S3 = new S3Options
        {
            ServiceUrl = _s3!.ServiceUrl, Bucket = _bucket, AccessKey = S3Server.AccessKey, SecretKey = S3Server.SecretKey,
        } };
        return new S3BlobStore(Options.Create(options), _temp!, StandaloneMetrics.Create()) { ListPageSize = listPageSize };
    }

    private static string Key(string id) => BlobKeys.Original(ImageId.Parse(id), BlobKeys.NewToken());

    private string LocalFile(byte[] bytes)
    {
        var path = _temp!.NewPath();
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task Three_megabytes_round_trip_byte_for_byte_through_put_open_and_local_file()
    {
        // With aws-chunked uploads some stores keep the chunk framing in the object: this catches it.
        var bytes = RandomNumberGenerator.GetBytes(3_000_000);
        using var store = Store();
        var key = Key("big");
        await store.PutFileAsync(key, LocalFile(bytes), default);

        var blob = await store.OpenReadAsync(key, default);
        Assert.NotNull(blob);
        Assert.Equal(bytes.Length, blob.Length);
        await using (blob.Stream)
        {
            using var copy = new MemoryStream();
            await blob.Stream.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }

        string downloaded;
        using (var local = await store.GetLocalFileAsync(key, default))
        {
            Assert.NotNull(local);
            downloaded = local.Path;
            Assert.StartsWith(_temp!.Folder, downloaded, StringComparison.Ordinal);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(downloaded));
        }
        Assert.False(File.Exists(downloaded), "the downloaded copy is temporary");
    }

    [Fact]
    public async Task A_missing_key_opens_as_null_and_deleting_it_is_no_error()
    {
        using var store = Store();
        var key = Key("missing");
        Assert.Null(await store.OpenReadAsync(key, default));
        Assert.Null(await store.GetLocalFileAsync(key, default));
        await store.DeleteAsync(key, default);
    }

    [Fact]
    public async Task Delete_removes_the_object()
    {
        using var store = Store();
        var key = Key("gone");
        await store.PutFileAsync(key, LocalFile([1, 2, 3]), default);
        await store.DeleteAsync(key, default);
        Assert.Null(await store.OpenReadAsync(key, default));
        Assert.DoesNotContain(key, await _s3!.KeysAsync(_bucket));
    }

    [Fact]
    public async Task List_pages_through_every_key_of_both_prefixes_and_ignores_other_objects()
    {
        using var store = Store(listPageSize: 2);
        var keys = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var key = i % 2 == 0 ? Key($"list{i}") : BlobKeys.Derived(DerivedSpec.Parse($"list{i}-10x10.jpg", 100), BlobKeys.NewToken(), BlobKeys.NewToken());
            await store.PutFileAsync(key, LocalFile(new byte[i + 1]), default);
            keys.Add(key);
        }
        using (var client = _s3!.Client())
            await client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = _bucket, Key = "someone-else/file.txt", ContentBody = "not Pictor's", UseChunkEncoding = false });

        var listed = new List<BlobEntry>();
        await foreach (var entry in store.ListAsync(default)) listed.Add(entry);
        Assert.Equal(keys.Order(StringComparer.Ordinal), listed.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.All(listed, e => Assert.Equal(keys.IndexOf(e.Key) + 1, e.Length));
        Assert.All(listed, e => Assert.True(e.LastModified > DateTimeOffset.UtcNow.AddHours(-1)));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _temp?.Dispose();
        _data.Dispose();
    }
}
