using Microsoft.Extensions.Options;
using Pictor.Admin;
using Pictor.Configuration;
using Pictor.Docs;
using Pictor.Problems;

namespace Pictor.Api;

/// <summary>
/// The browser UI at <c>/admin</c>: static files embedded in the service (<see cref="AdminAssets"/>) that do
/// everything through the public API, with the key the user typed kept in the tab's <c>sessionStorage</c> and sent
/// as a Bearer header (never in a URL). <c>/admin/session</c> tells the login form whether a key is valid and its
/// scope. Off with <c>Pictor:Admin:Enabled=false</c>.
/// </summary>
public static class AdminUi
{
    /// <summary>Only what the pages need: their own scripts and styles, images from the service, blob: previews of uploads.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; " +
        "form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly string[] Reads = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapAdminUi(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value.Enabled) return app;
        var admin = app.MapGroup("/admin").AddEndpointFilter(async (context, next) =>
        {
            var response = context.HttpContext.Response;
            SecureHeaders(response);
            // A wrong key at the login form is the form's to report: a Basic challenge would make the browser open its own dialog.
            response.OnStarting(() =>
            {
                response.Headers.Remove(Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate);
                return Task.CompletedTask;
            });
            return await next(context);
        });
        // Routing treats /admin and /admin/ alike: one address for the page, the one with the slash.
        admin.MapMethods("/", Reads, (HttpContext http, AdminAssets assets) => http.Request.Path.Value!.EndsWith('/')
            ? Serve(http, assets, "index.html")
            : TypedResults.Redirect($"{http.Request.PathBase}/admin/"))
            .ExcludeFromDescription(); // the UI's page and files are not API (tests/Pictor.Tests/Docs/OpenApiTests.cs names them)
        admin.MapGet("/session", Session).RequireKey(AccessScope.Read).WithTags(ApiTags.Admin)
            .WithName("AdminSession").WithSummary("The scope of the presented key (read, write or admin) and whether it is anonymous access")
            .WithDescription("What the admin UI's login form asks; a wrong key is 401 without a WWW-Authenticate challenge.")
            .Produces(200, contentType: "application/json");
        admin.MapMethods("/{name}", Reads, (string name, HttpContext http, AdminAssets assets) => Serve(http, assets, name))
            .ExcludeFromDescription();
        return app;
    }

    private static void SecureHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
    }

    private static IResult Serve(HttpContext http, AdminAssets assets, string name)
    {
        var asset = assets.Find(name) ?? throw ProblemException.NotFound($"The admin UI has no file '{(name.Length > 64 ? name[..64] : name)}'.");
        http.Response.Headers.ETag = asset.ETag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch.ToString().Split(',').Any(t => t.Trim() == asset.ETag))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(asset.Bytes, asset.ContentType);
    }

    /// <summary>The scope of the key the request carries (the key filter has already refused a wrong one).</summary>
    private static IResult Session(HttpRequest request, ApiKeys keys, IOptions<PictorOptions> pictor)
    {
        var scope = ApiKeys.Presented(request) is { } presented ? keys.ScopeOf(presented) : null;
        var anonymous = pictor.Value.AllowAnonymousWrites && scope is null;
        return TypedResults.Ok(new { scope = (anonymous ? AccessScope.Admin : scope!.Value).ToString().ToLowerInvariant(), anonymous });
    }
}
