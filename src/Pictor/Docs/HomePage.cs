using System.Net;
using Microsoft.Extensions.Options;
using Pictor.Configuration;

namespace Pictor.Docs;

/// <summary>The page at <c>/</c>: what this service is and where to go from here.</summary>
public static class HomePage
{
    public const string ContentType = "text/html; charset=utf-8";

    public static IResult Render(IOptions<DocsOptions> docs, IOptions<AdminOptions> admin)
    {
        var adminUi = admin.Value.Enabled
            ? "<li><a href=\"/admin/\">Admin UI</a> (browse, upload, tag and build derived URLs; sign in with an API key)</li>"
            : "<li>The admin UI is switched off here (<code>Pictor:Admin:Enabled</code>).</li>";
        var reference = docs.Value.Enabled
            ? $"<li><a href=\"{ApiDocumentation.ReferencePath}\">API reference</a> (interactive: try every request from the browser)</li>\n    "
              + $"<li><a href=\"{ApiDocumentation.DocumentPath}\">OpenAPI document</a> (for client generators)</li>"
            : "<li>The API reference is switched off here (<code>Pictor:Docs:Enabled</code>).</li>";
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Pictor</title>
              <style>
                body { font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
                code { background: #f0f2f4; padding: 0 .25em; border-radius: 3px; }
                a { color: #0969da; }
              </style>
            </head>
            <body>
              <h1>Pictor</h1>
              <p>Self-hosted image storage and resizing. Upload an original under an ID you choose
                 (<code>POST /original/{{WebUtility.HtmlEncode("{id}")}}</code>), then ask for it at any size and format:
                 <code>/derived/{{WebUtility.HtmlEncode("{id}-{width}x{height}.{ext}")}}</code> or
                 <code>/derived/{{WebUtility.HtmlEncode("{id}/{options}.{ext}")}}</code>.</p>
              <ul>
                {{reference}}
                {{adminUi}}
                <li><a href="/healthz">Health</a> (<code>ok</code> while the database answers)</li>
                <li><a href="/metrics">Metrics</a> (Prometheus text format)</li>
              </ul>
              <p>The project's README and <code>docs/API.md</code> (in its repository) explain configuration, deployment and every status code.</p>
            </body>
            </html>
            """;
        return TypedResults.Content(html, ContentType);
    }
}
