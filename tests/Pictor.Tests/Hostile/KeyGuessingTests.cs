using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Hostile;

public sealed class KeyGuessingServer : ServerProcessFixture
{
    public const string ReadKey = "read-key-abcdefghijklmnop";
    public const string WriteKey = "write-key-qrstuvwxyz012345";
    public const int FailuresPerMinute = 5;

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Pictor:Auth:FailuresPerMinute"] = FailuresPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Pictor:Keys:0:Key"] = ReadKey,
        ["Pictor:Keys:0:Scope"] = "read",
        // The write key is configured only as its hash.
        ["Pictor:Keys:1:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(WriteKey))),
        ["Pictor:Keys:1:Scope"] = "write",
    };
}

/// <summary>
/// People guessing keys: failed authentications are limited per client address (real server process, clients
/// bound to different loopback addresses), and keys have scopes, configurable as hashes.
/// </summary>
public sealed class KeyGuessingTests(KeyGuessingServer server) : IClassFixture<KeyGuessingServer>
{
    private static readonly byte[] Png = Corpus.Bytes("wuffs/hat.png");

    /// <summary>A client whose connections come from <paramref name="source"/> (any 127.x.y.z is this machine).</summary>
    private HttpClient ClientFrom(string source, string? key)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = server.Server.BaseAddress };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static string NewId() => "kg_" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task An_address_that_keeps_failing_gets_429_while_valid_keys_elsewhere_are_not_slowed()
    {
        using var guesser = ClientFrom("127.0.0.2", "guess-0");
        for (var i = 0; i < KeyGuessingServer.FailuresPerMinute; i++)
        {
            guesser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"guess-{i}");
            await (await guesser.UploadAsync(NewId(), Png)).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        // Over the limit: refused before any key is compared, even the right one, so a correct guess is not told apart.
        guesser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "guess-next");
        var limited = await guesser.UploadAsync(NewId(), Png);
        await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 carries Retry-After");
        guesser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KeyGuessingServer.WriteKey);
        await (await guesser.UploadAsync(NewId(), Png)).ProblemAsync(HttpStatusCode.TooManyRequests);
        // Reads need no key and stay open to it.
        Assert.Equal(HttpStatusCode.OK, (await guesser.GetAsync("/healthz")).StatusCode);

        // Another address with the valid key: served at once, and its successes cost it nothing.
        using var owner = ClientFrom("127.0.0.3", KeyGuessingServer.WriteKey);
        for (var i = 0; i < KeyGuessingServer.FailuresPerMinute * 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await owner.UploadAsync(NewId(), Png)).StatusCode);
        await server.AssertNoServerFaultsAsync();
    }

    [Fact]
    public async Task A_read_key_cannot_write_and_a_hashed_write_key_can()
    {
        using var reader = ClientFrom("127.0.0.4", KeyGuessingServer.ReadKey);
        var problem = await (await reader.UploadAsync(NewId(), Png)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("'read'", problem.GetProperty("detail").GetString());

        using var writer = ClientFrom("127.0.0.4", KeyGuessingServer.WriteKey);
        var id = NewId();
        Assert.Equal(HttpStatusCode.Created, (await writer.UploadAsync(id, Png)).StatusCode);
        await (await reader.DeleteAsync($"/original/{id}")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/original/{id}")).StatusCode);

        // The full-access key from Pictor:ApiKeys keeps working, as Basic too.
        using var admin = ClientFrom("127.0.0.4", null);
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("any:" + PictorFactory.ApiKey)));
        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(NewId(), Png)).StatusCode);
        await server.AssertNoServerFaultsAsync();
    }
}
