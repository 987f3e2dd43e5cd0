using System.Net;
using System.Text.Json;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Contract;

/// <summary>API.md "GET /original": the filters tag, prefix, format, since and until, alone and combined, across pages.</summary>
public abstract class ListingFiltersTests<TBackend>(TBackend factory) : IClassFixture<TBackend> where TBackend : PictorFactory
{
    private static readonly byte[] Png = Corpus.Bytes("wuffs/hat.png");
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");
    private readonly HttpClient _client = factory.Client();

    /// <summary>A prefix of this test's own: the fixture is shared by the class.</summary>
    private static string NewPrefix() => "lf" + Guid.NewGuid().ToString("N")[..10] + "-";

    private async Task<JsonElement> UploadAsync(string id, byte[] bytes, params string[] tags)
    {
        var created = await (await _client.UploadOkAsync(id, bytes)).JsonAsync();
        if (tags.Length == 0) return created;
        var patched = await _client.PatchAsync($"/original/{id}", TagsAndAttributesTests<TBackend>.Patch(JsonSerializer.Serialize(new { tags })));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        return created;
    }

    /// <summary>Every ID the query lists, following <c>next</c> from page to page; also the number of pages.</summary>
    private async Task<(List<string> Ids, int Pages)> ListAllAsync(string query)
    {
        var ids = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var response = await _client.GetAsync($"/original?{query}" + (after is null ? "" : $"&after={after}"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var page = await response.JsonAsync();
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            after = page.GetProperty("next").GetString();
            pages++;
            Assert.True(pages < 50, "paging does not end");
        }
        while (after is not null);
        return (ids, pages);
    }

    [Fact]
    public async Task Prefix_lists_exactly_the_ids_that_start_with_it_in_order_across_pages()
    {
        var prefix = NewPrefix();
        var ids = Enumerable.Range(0, 5).Select(i => $"{prefix}{i}").ToList();
        foreach (var id in ids) await UploadAsync(id, Png);
        await UploadAsync(prefix.TrimEnd('-') + "_other", Png); // sorts right after the prefix's range, not in it
        await UploadAsync(prefix.TrimEnd('-'), Png);            // a proper prefix of the prefix

        var (listed, pages) = await ListAllAsync($"prefix={prefix}&limit=2");
        Assert.Equal(ids, listed);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Tags_must_all_match_and_combine_with_format_and_paging()
    {
        var prefix = NewPrefix();
        string red = prefix + "red", big = prefix + "big";
        await UploadAsync(prefix + "a", Png, red, big);
        await UploadAsync(prefix + "b", Jpeg, red, big);
        await UploadAsync(prefix + "c", Png, red);
        await UploadAsync(prefix + "d", Png, big);
        await UploadAsync(prefix + "e", Png, red, big, "other");
        await UploadAsync(prefix + "f", Png);

        Assert.Equal([prefix + "a", prefix + "b", prefix + "c", prefix + "e"], (await ListAllAsync($"tag={red}&limit=2")).Ids);
        var (both, pages) = await ListAllAsync($"tag={red}&tag={big}&limit=2");
        Assert.Equal([prefix + "a", prefix + "b", prefix + "e"], both);
        Assert.Equal(2, pages);
        Assert.Equal([prefix + "a", prefix + "e"], (await ListAllAsync($"tag={red}&tag={big}&format=png&limit=1")).Ids);
        Assert.Equal([prefix + "b"], (await ListAllAsync($"prefix={prefix}&format=jpeg")).Ids);
        var fromB = await (await _client.GetAsync($"/original?tag={big}&after={prefix}b&format=png&limit=10")).JsonAsync();
        Assert.Equal([prefix + "d", prefix + "e"], fromB.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Empty((await ListAllAsync($"tag={red}&tag={prefix}nobody")).Ids);
    }

    [Fact]
    public async Task Since_is_inclusive_and_until_exclusive_on_the_creation_time()
    {
        var prefix = NewPrefix();
        var first = await UploadAsync(prefix + "1", Png);
        await Task.Delay(20); // distinct creation times (the clock is the server's; no assertion on durations)
        var second = await UploadAsync(prefix + "2", Png);
        await Task.Delay(20);
        await UploadAsync(prefix + "3", Png);
        var t2 = second.GetProperty("created").GetDateTime();
        Assert.True(first.GetProperty("created").GetDateTime() < t2);
        var at2 = Uri.EscapeDataString(t2.ToString("O"));

        Assert.Equal([prefix + "2", prefix + "3"], (await ListAllAsync($"prefix={prefix}&since={at2}&limit=1")).Ids);
        Assert.Equal([prefix + "1"], (await ListAllAsync($"prefix={prefix}&until={at2}")).Ids);
        var after2 = Uri.EscapeDataString(t2.AddTicks(10).ToString("O"));
        Assert.Equal([prefix + "2"], (await ListAllAsync($"prefix={prefix}&since={at2}&until={after2}")).Ids);

        // Offsets are honoured: the same instant written in another zone.
        var zoned = Uri.EscapeDataString(new DateTimeOffset(t2).ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz"));
        Assert.Equal([prefix + "2", prefix + "3"], (await ListAllAsync($"prefix={prefix}&since={zoned}")).Ids);
        // A date alone is midnight UTC.
        Assert.Equal(3, (await ListAllAsync($"prefix={prefix}&since={t2:yyyy-MM-dd}")).Ids.Count);
        Assert.Empty((await ListAllAsync($"prefix={prefix}&until={t2:yyyy-MM-dd}")).Ids);
    }

    [Theory]
    [InlineData("tag=has%20space", "tag")]
    [InlineData("tag=", "tag")]
    [InlineData("prefix=bad.id", "prefix")]
    [InlineData("prefix=", "prefix")]
    [InlineData("format=bmpx", "format")]
    [InlineData("since=yesterday", "since")]
    [InlineData("until=2026-13-01", "until")]
    [InlineData("since=12/01/2026", "since")]
    [InlineData("limit=0", "limit")]
    [InlineData("after=a.b", "after")]
    public async Task Bad_filter_values_are_400_naming_the_parameter(string query, string named)
    {
        var problem = await (await _client.GetAsync($"/original?{query}")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(named, problem.GetProperty("detail").GetString());
    }
}
