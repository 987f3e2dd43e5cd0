using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Pictor.Client;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Clients;

/// <summary>Every method of <see cref="PictorClient"/> against a real Pictor process, and every refusal it can provoke.</summary>
public sealed class PictorClientTests(ClientServerFixture fixture) : IClassFixture<ClientServerFixture>
{
    private const string Landscape = "orientation/Landscape_1.jpg";
    private const string Portrait = "orientation/Portrait_3.jpg";
    private readonly PictorClient _client = fixture.Client();

    private static string NewId(string prefix = "c") => $"{prefix}-{Guid.NewGuid():N}";

    [Fact]
    public async Task Upload_from_a_stream_and_a_file_answers_the_metadata_and_the_bytes_come_back_as_uploaded()
    {
        var fromStream = NewId();
        var bytes = Corpus.Bytes(Landscape);
        var stored = await _client.UploadAsync(fromStream, new MemoryStream(bytes));
        Assert.Equal(fromStream, stored.Id);
        Assert.Equal("jpeg", stored.Format);
        Assert.Equal((1800, 1200), (stored.Width, stored.Height));
        Assert.Equal(bytes.Length, stored.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);

        var fromFile = NewId();
        var second = await _client.UploadAsync(fromFile, Corpus.Path(Portrait));
        Assert.Equal((1200, 1800), (second.Width, second.Height));

        var metadata = await _client.GetMetadataAsync(fromStream);
        Assert.Equal(stored.Sha256, metadata.Sha256);
        Assert.Equal($"/original/{fromStream}", metadata.Url);
        Assert.Equal(bytes, await _client.DownloadOriginalAsync(fromStream));
        Assert.Equal(Corpus.Bytes(Portrait), await _client.DownloadOriginalAsync(fromFile));
    }

    [Fact]
    public async Task Replace_creates_then_replaces_and_the_new_bytes_are_served()
    {
        var id = NewId();
        var created = await _client.ReplaceAsync(id, Corpus.Path(Landscape));
        Assert.Equal(1800, created.Width);
        var replaced = await _client.ReplaceAsync(id, new MemoryStream(Corpus.Bytes(Portrait)));
        Assert.Equal(1200, replaced.Width);
        Assert.NotEqual(created.Sha256, replaced.Sha256);
        Assert.Equal(Corpus.Bytes(Portrait), await _client.DownloadOriginalAsync(id));
    }

    [Fact]
    public async Task List_enumerates_every_page_in_ID_order()
    {
        var prefix = $"list{Guid.NewGuid():N}"[..14];
        var ids = Enumerable.Range(0, 7).Select(i => $"{prefix}-{i}").ToList();
        var bytes = Corpus.Bytes(Landscape);
        foreach (var id in ids) await _client.UploadAsync(id, new MemoryStream(bytes));

        var first = await _client.GetPageAsync(new OriginalQuery { After = prefix, PageSize = 3 });
        Assert.Equal(ids[..3], first.Items.Select(o => o.Id));
        Assert.Equal(ids[2], first.Next);

        // Pages of 3 across 7 of ours (and whatever the other tests stored after them).
        var listed = new List<string>();
        await foreach (var o in _client.ListAsync(new OriginalQuery { After = prefix, PageSize = 3 }))
        {
            if (!o.Id.StartsWith(prefix, StringComparison.Ordinal)) break;
            listed.Add(o.Id);
        }
        Assert.Equal(ids, listed);

        var all = new List<string>();
        await foreach (var o in _client.ListAsync(new OriginalQuery { PageSize = 2 })) all.Add(o.Id);
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Subset(all.ToHashSet(), ids.ToHashSet());
    }

    [Fact]
    public async Task Patch_sets_and_clears_the_focal_point()
    {
        var id = NewId();
        await _client.UploadAsync(id, Corpus.Path(Landscape));
        var set = await _client.PatchAsync(id, OriginalPatch.SetFocus(new FocalPoint(0.25, 0.75)));
        Assert.Equal(new FocalPoint(0.25, 0.75), set.Focus);
        Assert.Equal(new FocalPoint(0.25, 0.75), (await _client.GetMetadataAsync(id)).Focus);
        var cleared = await _client.PatchAsync(id, OriginalPatch.SetFocus(null));
        Assert.Null(cleared.Focus);
    }

    [Fact]
    public async Task Delete_removes_the_original()
    {
        var id = NewId();
        await _client.UploadAsync(id, Corpus.Path(Landscape));
        await _client.DeleteAsync(id);
        Assert.Null(await _client.TryGetMetadataAsync(id));
        var gone = await Assert.ThrowsAsync<PictorProblemException>(() => _client.DownloadOriginalAsync(id));
        Assert.Equal(ProblemKind.NotFound, gone.Kind);
    }

    [Fact]
    public async Task Problems_become_typed_exceptions_with_the_RFC_9457_fields()
    {
        var id = NewId();
        await _client.UploadAsync(id, Corpus.Path(Landscape));

        var conflict = await Refused(() => _client.UploadAsync(id, Corpus.Path(Landscape)));
        Assert.Equal((409, ProblemKind.Conflict), (conflict.Status, conflict.Kind));

        var missing = await Refused(() => _client.GetMetadataAsync("no-such-original"));
        Assert.Equal((404, ProblemKind.NotFound), (missing.Status, missing.Kind));
        Assert.EndsWith("/not-found", missing.Type);
        Assert.Contains("no-such-original", missing.Detail);
        Assert.False(string.IsNullOrEmpty(missing.Title));
        Assert.False(string.IsNullOrEmpty(missing.RequestId));
        Assert.Contains(missing.RequestId!, missing.Message);
        Assert.Equal(ProblemKind.NotFound, (await Refused(() => _client.DeleteAsync("no-such-original"))).Kind);

        var badId = await Refused(() => _client.GetMetadataAsync("not an id!"));
        Assert.Equal((400, ProblemKind.BadRequest), (badId.Status, badId.Kind));
        var notImage = await Refused(() => _client.UploadAsync(NewId(), new MemoryStream("hello, not an image"u8.ToArray())));
        Assert.Equal(ProblemKind.BadRequest, notImage.Kind);

        var unauthorized = await Refused(() => fixture.Client("wrong-key").UploadAsync(NewId(), Corpus.Path(Landscape)));
        Assert.Equal((401, ProblemKind.Unauthorized), (unauthorized.Status, unauthorized.Kind));
        var anonymous = await Refused(() => fixture.Client(apiKey: null).DeleteAsync(id));
        Assert.Equal(ProblemKind.Unauthorized, anonymous.Kind);

        var forbidden = await Refused(() => fixture.Client(ClientServerFixture.ReadKey).DeleteAsync(id));
        Assert.Equal((403, ProblemKind.Forbidden), (forbidden.Status, forbidden.Kind));

        var tooLarge = await Refused(() => _client.UploadAsync(NewId(), Corpus.Path("bench/harvesters-4032x3024.jpg")));
        Assert.Equal((413, ProblemKind.TooLarge), (tooLarge.Status, tooLarge.Kind));

        var tooManyPixels = await Refused(() => _client.UploadAsync(NewId(), Corpus.Path("bench/harvesters-2725x2225.jpg")));
        Assert.Equal((422, ProblemKind.Unprocessable), (tooManyPixels.Status, tooManyPixels.Kind));

        Assert.Equal(Corpus.Bytes(Landscape), await _client.DownloadOriginalAsync(id)); // nothing above changed it
    }

    [Fact]
    public async Task An_unreachable_service_is_an_HttpRequestException()
    {
        var client = new PictorClient(new HttpClient(), new PictorClientOptions { BaseAddress = new Uri($"http://127.0.0.1:{PictorProcess.FreePort()}/") });
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetMetadataAsync("x"));
    }

    [Fact]
    public async Task AddPictorClient_registers_a_typed_client_configured_by_its_options()
    {
        var id = NewId();
        await _client.UploadAsync(id, Corpus.Path(Landscape));
        await using var provider = new ServiceCollection()
            .AddPictorClient(o => { o.BaseAddress = fixture.Server.BaseAddress; o.ApiKey = PictorFactory.ApiKey; })
            .Services.BuildServiceProvider();
        var client = provider.GetRequiredService<PictorClient>();
        Assert.Equal(id, (await client.GetMetadataAsync(id)).Id);
        await client.DeleteAsync(id);
        Assert.Null(await client.TryGetMetadataAsync(id));
    }

    private static async Task<PictorProblemException> Refused(Func<Task> call) => await Assert.ThrowsAsync<PictorProblemException>(call);
}
