using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pictor.Client;

/// <summary>
/// A client of one Pictor service over an <see cref="HttpClient"/>. Every refusal of the service becomes a
/// <see cref="PictorProblemException"/>; a service that cannot be reached is an <see cref="HttpRequestException"/>.
/// Thread-safe; register it with <c>services.AddPictorClient(…)</c> or construct it over your own HttpClient.
/// </summary>
public sealed class PictorClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly Uri _root;
    private readonly string? _apiKey;

    /// <summary>A client over <paramref name="http"/>; <paramref name="options"/> give the base address (else the HttpClient's) and key.</summary>
    public PictorClient(HttpClient http, PictorClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        var baseAddress = options?.BaseAddress ?? http.BaseAddress
            ?? throw new ArgumentException("Give PictorClientOptions.BaseAddress or an HttpClient with a BaseAddress.", nameof(options));
        if (!baseAddress.IsAbsoluteUri) throw new ArgumentException($"The base address '{baseAddress}' is not absolute.", nameof(options));
        _root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        _apiKey = options?.ApiKey;
        SigningKey = options?.SigningKey;
    }

    /// <summary>The service root requests go to.</summary>
    public Uri BaseAddress => _root;

    /// <summary>The key <see cref="Url"/> signs with, if any.</summary>
    public string? SigningKey { get; }

    /// <summary>Stores a new original under <paramref name="id"/> (<c>POST</c>, multipart); <see cref="ProblemKind.Conflict"/> if the ID exists.</summary>
    public async Task<OriginalMetadata> UploadAsync(string id, Stream content, string? fileName = null, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName ?? id);
        using var request = Upload(HttpMethod.Post, id, form);
        return await SendForAsync<OriginalMetadata>(request, cancellationToken);
    }

    /// <summary>Stores the file at <paramref name="path"/> as a new original under <paramref name="id"/> (<c>POST</c>).</summary>
    public async Task<OriginalMetadata> UploadAsync(string id, string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await UploadAsync(id, stream, System.IO.Path.GetFileName(path), cancellationToken);
    }

    /// <summary>Creates or replaces the original <paramref name="id"/> (<c>PUT</c>); replacing invalidates its derived images.</summary>
    public async Task<OriginalMetadata> ReplaceAsync(string id, Stream content, CancellationToken cancellationToken = default)
    {
        var body = new StreamContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = Upload(HttpMethod.Put, id, body);
        return await SendForAsync<OriginalMetadata>(request, cancellationToken);
    }

    /// <summary>Creates or replaces the original <paramref name="id"/> from the file at <paramref name="path"/> (<c>PUT</c>).</summary>
    public async Task<OriginalMetadata> ReplaceAsync(string id, string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await ReplaceAsync(id, stream, cancellationToken);
    }

    /// <summary>What is recorded about the original <paramref name="id"/>, with its derived images.</summary>
    public async Task<OriginalMetadata> GetMetadataAsync(string id, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, OriginalPath(id) + "/metadata");
        return await SendForAsync<OriginalMetadata>(request, cancellationToken);
    }

    /// <summary>As <see cref="GetMetadataAsync"/>, but null when there is no such original.</summary>
    public async Task<OriginalMetadata?> TryGetMetadataAsync(string id, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetMetadataAsync(id, cancellationToken);
        }
        catch (PictorProblemException e) when (e.Kind == ProblemKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>One page of the listing (<c>GET /original</c>).</summary>
    public async Task<OriginalPage> GetPageAsync(OriginalQuery? query = null, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, "original" + QueryString(query ?? new OriginalQuery()));
        return await SendForAsync<OriginalPage>(request, cancellationToken);
    }

    /// <summary>Every original matching <paramref name="query"/>, in ID order, fetched page by page as enumerated.</summary>
    public async IAsyncEnumerable<OriginalMetadata> ListAsync(OriginalQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var current = query ?? new OriginalQuery();
        while (true)
        {
            var page = await GetPageAsync(current, cancellationToken);
            foreach (var item in page.Items) yield return item;
            if (page.Next is null || page.Items.Count == 0) yield break;
            current = current with { After = page.Next };
        }
    }

    /// <summary>Changes what is recorded about <paramref name="id"/> (focal point, tags, attributes); answers the new metadata.</summary>
    public async Task<OriginalMetadata> PatchAsync(string id, OriginalPatch patch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var body = new JsonObject();
        if (patch.SetsFocus)
            body["focus"] = patch.Focus is { } f ? new JsonObject { ["x"] = f.X, ["y"] = f.Y } : null;
        if (patch.Tags is { } tags) body["tags"] = new JsonArray(tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        if (patch.Attributes is { } attributes)
        {
            var map = new JsonObject();
            foreach (var (key, value) in attributes) map[key] = value is null ? null : JsonValue.Create(value);
            body["attributes"] = map;
        }
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
        using var request = Request(HttpMethod.Patch, OriginalPath(id), content);
        return await SendForAsync<OriginalMetadata>(request, cancellationToken);
    }

    /// <summary>Deletes the original <paramref name="id"/> and every derived image of it.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Delete, OriginalPath(id));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    /// <summary>Deletes every derived image of <paramref name="id"/>, keeping the original.</summary>
    public async Task DeleteDerivedAsync(string id, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Delete, OriginalPath(id) + "/derived");
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    /// <summary>What the service stores: counts and bytes of originals and derived images.</summary>
    public async Task<ServiceStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, "stats");
        return await SendForAsync<ServiceStats>(request, cancellationToken);
    }

    /// <summary>Copies the original's bytes, as uploaded, to <paramref name="destination"/>.</summary>
    public async Task DownloadOriginalAsync(string id, Stream destination, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, OriginalPath(id));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await response.Content.CopyToAsync(destination, cancellationToken);
    }

    /// <summary>The original's bytes, as uploaded.</summary>
    public async Task<byte[]> DownloadOriginalAsync(string id, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await DownloadOriginalAsync(id, buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>A URL builder for derived images of <paramref name="id"/>, absolute on this service, signed if a signing key is configured.</summary>
    public DerivedUrl Url(string id)
    {
        var url = new DerivedUrl(id, _root);
        return SigningKey is { } key ? url.Sign(key) : url;
    }

    /// <summary>Fetches a derived image (generating it if it is not stored yet); <paramref name="accept"/> matters for <c>auto</c>.</summary>
    public async Task<DerivedImage> GetDerivedAsync(DerivedUrl url, string? accept = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var request = Request(HttpMethod.Get, url.PathAndQuery.TrimStart('/'));
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new DerivedImage(response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream", bytes);
    }

    private static string OriginalPath(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return "original/" + Uri.EscapeDataString(id);
    }

    private static string QueryString(OriginalQuery query)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null) parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        foreach (var tag in query.Tags) Add("tag", tag);
        Add("prefix", query.Prefix);
        Add("format", query.Format);
        Add("since", query.Since?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        Add("until", query.Until?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        Add("after", query.After);
        Add("limit", query.PageSize?.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>
    /// An upload asks <c>Expect: 100-continue</c>, so that a body the service refuses on its headers alone (413 over
    /// the upload limit, 401) is answered before it is sent, instead of the connection closing under the sender.
    /// </summary>
    private HttpRequestMessage Upload(HttpMethod method, string id, HttpContent content)
    {
        var request = Request(method, OriginalPath(id), content);
        request.Headers.ExpectContinue = true;
        return request;
    }

    private HttpRequestMessage Request(HttpMethod method, string relative, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_root, relative)) { Content = content };
        if (_apiKey is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        return request;
    }

    private async Task<T> SendForAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered an empty body.");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var response = await _http.SendAsync(request, completion, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        using (response) throw await ProblemAsync(response, cancellationToken);
    }

    private static async Task<PictorProblemException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? type = null, title = null, detail = null, requestId = null;
        var status = (int)response.StatusCode;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (text.Length > 0 && text.TrimStart().StartsWith('{'))
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                type = String(root, "type");
                title = String(root, "title");
                detail = String(root, "detail");
                requestId = String(root, "requestId");
                if (root.TryGetProperty("status", out var s) && s.TryGetInt32(out var n)) status = n;
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's HTML page, say): the status line still says what happened.
        }
        title ??= response.ReasonPhrase ?? ((HttpStatusCode)status).ToString();
        if (requestId is null && response.Headers.TryGetValues("X-Request-Id", out var ids)) requestId = ids.FirstOrDefault();
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        return new PictorProblemException(status, type, title, detail, requestId, retryAfter);
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
