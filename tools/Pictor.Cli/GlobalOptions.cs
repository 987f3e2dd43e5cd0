using System.CommandLine;
using Pictor.Client;

namespace Pictor.Cli;

/// <summary>--url and --key, on every command; and the client they make.</summary>
public static class GlobalOptions
{
    public const string DefaultUrl = "http://localhost:5080";

    public static readonly Option<string> Url = new("--url")
    {
        Description = $"The Pictor service (default: $PICTOR_URL, else {DefaultUrl}).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PICTOR_URL") is { Length: > 0 } url ? url : DefaultUrl,
    };

    public static readonly Option<string?> Key = new("--key")
    {
        Description = "API key for writes (default: $PICTOR_API_KEY).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PICTOR_API_KEY") is { Length: > 0 } key ? key : null,
    };

    public static PictorClient Client(ParseResult parse)
    {
        var text = parse.GetValue(Url)!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new UsageException($"--url '{text}' is not an http(s) URL.");
        var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        return new PictorClient(http, new PictorClientOptions { BaseAddress = uri, ApiKey = parse.GetValue(Key) });
    }
}
