using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Pictor.Tests.Infrastructure;

/// <summary>Requests as a client writes them.</summary>
public static class Http
{
    public static MultipartFormDataContent Multipart(byte[] bytes, string fileName = "upload.bin", string field = "file")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { content, field, fileName } };
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string id, byte[] bytes, string fileName = "upload.bin") =>
        client.PostAsync($"/original/{id}", Multipart(bytes, fileName));

    public static async Task<HttpResponseMessage> UploadOkAsync(this HttpClient client, string id, byte[] bytes)
    {
        var response = await client.UploadAsync(id, bytes);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Upload of '{id}' answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    public static Task<HttpResponseMessage> PutRawAsync(this HttpClient client, string id, byte[] bytes) =>
        client.PutAsync($"/original/{id}", new ByteArrayContent(bytes));

    /// <summary>Reads an RFC 9457 body, asserting its media type and members.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.True(problem.TryGetProperty("type", out _));
        Assert.DoesNotContain("   at ", body); // no stack traces
        return problem;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(body).RootElement;
    }
}
