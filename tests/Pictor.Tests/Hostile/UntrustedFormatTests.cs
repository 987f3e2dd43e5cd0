using System.Net;
using System.Net.Http.Headers;
using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Hostile;

/// <summary>
/// SVG, PDF, PNM, ImageMagick-only formats, MATLAB, libvips' own formats and anything else that is not
/// one of the six accepted formats are refused (400, as pymager did), whatever the file name or declared type says.
/// </summary>
public sealed class UntrustedFormatTests(ServerProcessFixture server, ITestOutputHelper output) : IClassFixture<ServerProcessFixture>
{
    /// <summary>Names and declared types a client might use to get a file past a check on either.</summary>
    private static readonly (string FileName, string ContentType)[] Disguises =
    [
        ("photo.jpg", "image/jpeg"),
        ("image.png", "image/png"),
        ("drawing.svg", "image/svg+xml"),
    ];

    public static TheoryData<string> Formats() => new(UntrustedFormats.All.Keys);

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Is_refused_whatever_its_name_and_declared_type(string format)
    {
        var bytes = UntrustedFormats.All[format]();
        var client = server.Client;
        foreach (var (fileName, contentType) in Disguises)
        {
            var id = "u" + Guid.NewGuid().ToString("N")[..12];
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            var response = await client.PostAsync($"/original/{id}", new MultipartFormDataContent { { part, "file", fileName } });
            var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.EndsWith("/unsupported-format", problem.GetProperty("type").GetString());
            output.WriteLine($"{format} as {fileName}: {problem.GetProperty("detail").GetString()}");
            await (await client.GetAsync($"/original/{id}")).ProblemAsync(HttpStatusCode.NotFound);

            var raw = new ByteArrayContent(bytes);
            raw.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            var put = await (await client.PutAsync($"/original/{id}", raw)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.EndsWith("/unsupported-format", put.GetProperty("type").GetString());
            await (await client.GetAsync($"/derived/{id}-10x10.png")).ProblemAsync(HttpStatusCode.NotFound);
        }
        await server.AssertNoServerFaultsAsync();
    }
}
