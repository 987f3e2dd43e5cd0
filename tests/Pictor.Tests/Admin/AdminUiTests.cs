using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pictor.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pictor.Tests.Admin;

/// <summary>
/// The admin UI at /admin in a real browser (Debian's Chromium through Playwright) against a real Pictor process:
/// log in, upload, find, open, build a URL, set a focal point, delete. Each step is checked in the page and, where
/// it changes something, through the API. With PICTOR_SCREENSHOTS=DIR the pages are also saved there as PNGs
/// (scripts/admin-screenshots.sh writes docs/admin-*.png).
/// </summary>
public sealed class AdminUiTests : IAsyncLifetime
{
    private const string ReadKey = "reader-key-0123456789";
    private readonly TempFolder _root = new("pictor-admin");
    private PictorProcess _server = null!;
    private Chromium _chromium = null!;
    private IPage _page = null!;
    private readonly List<string> _cspViolations = [];

    public async Task InitializeAsync()
    {
        _server = await PictorProcess.StartAsync(new Dictionary<string, string>
        {
            ["Pictor:DataDirectory"] = Path.Combine(_root.Path, "data"),
            ["Pictor:ApiKeys:0"] = PictorFactory.ApiKey,
            ["Pictor:Keys:0:Key"] = ReadKey,
            ["Pictor:Keys:0:Scope"] = "read",
        });
        _chromium = await Chromium.LaunchAsync();
        var context = await _chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        _page = await context.NewPageAsync();
        _page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (_cspViolations) _cspViolations.Add(message.Text);
        };
    }

    [Fact]
    public async Task Log_in_upload_find_open_build_a_url_set_a_focus_and_delete()
    {
        using var api = _server.Client();

        // Log in: a wrong key is refused in the form, the right one opens the grid; the key is in no URL.
        var landing = await _page.GotoAsync("/admin");
        Assert.Equal(200, landing!.Status);
        Assert.EndsWith("/admin/", _page.Url);
        Assert.Contains("script-src 'self'", (await landing.AllHeadersAsync())["content-security-policy"]);
        await Screenshot("login");
        await _page.GetByLabel("API key").FillAsync("not-the-key");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(_page.Locator("#login-error")).ToHaveTextAsync("That key is not valid.");
        await _page.GetByLabel("API key").FillAsync(PictorFactory.ApiKey);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Originals" })).ToBeVisibleAsync();
        await Expect(_page.Locator("#grid-summary")).ToHaveTextAsync("No originals yet: upload some.");
        Assert.DoesNotContain(PictorFactory.ApiKey, _page.Url);

        // Upload two images and a truncated one through the file input: two appear in the grid, the third row says why not.
        await _page.Locator("#upload-files").SetInputFilesAsync([
            Corpus.Path("wuffs/hibiscus.regular.jpeg"), Corpus.Path("wuffs/harvesters.jpeg"), Corpus.Path("wuffs/hippopotamus.regular.truncated.png")]);
        await Expect(_page.Locator("#uploads li[data-id='hibiscus-regular'] .state")).ToHaveTextAsync("Uploaded: hibiscus-regular");
        await Expect(_page.Locator("#uploads li[data-id='harvesters'] .state")).ToHaveTextAsync("Uploaded: harvesters");
        await Expect(_page.Locator("#uploads li[data-id='hippopotamus-regular-truncated'] .state")).ToContainTextAsync("Corrupt image");
        await Expect(_page.Locator("#grid a.tile")).ToHaveCountAsync(2);
        // And one dropped on the upload area (a drop event carrying the file, as the browser makes it).
        await _page.Locator("#drop-zone").EvaluateAsync(
            """
            async (zone, base64) => {
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], 'hat.jpeg', { type: 'image/jpeg' }));
              zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
            """, Convert.ToBase64String(Corpus.Bytes("wuffs/hat.jpeg")));
        await Expect(_page.Locator("#uploads li[data-id='hat'] .state")).ToHaveTextAsync("Uploaded: hat");
        await Expect(_page.Locator("#grid a.tile")).ToHaveCountAsync(3);
        await Expect(_page.Locator("#grid-summary")).ToHaveTextAsync("3 originals shown.");
        await Expect(_page.Locator("#load-more")).ToBeHiddenAsync();
        Assert.Equal(Corpus.Bytes("wuffs/hat.jpeg"), await api.GetByteArrayAsync("/original/hat"));
        await Expect(_page.Locator("#grid a.tile[data-id='harvesters'] .thumb.loaded")).ToBeVisibleAsync();
        await Expect(_page.Locator("#grid a.tile[data-id='hibiscus-regular'] .thumb.loaded")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/original/hibiscus-regular/metadata")).StatusCode);
        Assert.Equal(Corpus.Bytes("wuffs/harvesters.jpeg"), await api.GetByteArrayAsync("/original/harvesters"));
        await Screenshot("grid");
        // The grid by keyboard: tiles in ID order, arrow keys move between them.
        await _page.Locator("#grid a.tile").First.FocusAsync();
        await _page.Keyboard.PressAsync("ArrowRight");
        await Expect(_page.Locator("#grid a.tile[data-id='hat']")).ToBeFocusedAsync();
        await _page.Keyboard.PressAsync("End");
        await Expect(_page.Locator("#grid a.tile[data-id='hibiscus-regular']")).ToBeFocusedAsync();

        // Search by ID prefix.
        await _page.GetByLabel("ID starts with").FillAsync("hib");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(_page.Locator("#grid a.tile")).ToHaveCountAsync(1);
        await Expect(_page.Locator("#grid a.tile")).ToHaveAttributeAsync("data-id", "hibiscus-regular");

        // Open it: its metadata.
        await _page.Locator("#grid a.tile[data-id='hibiscus-regular']").ClickAsync();
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "hibiscus-regular", Exact = true })).ToBeVisibleAsync();
        var meta = await MetadataAsync(api, "hibiscus-regular");
        await Expect(_page.Locator("#metadata")).ToContainTextAsync($"{meta.GetProperty("width").GetInt32()}×{meta.GetProperty("height").GetInt32()}");
        await Expect(_page.Locator("#metadata")).ToContainTextAsync(meta.GetProperty("sha256").GetString()!);

        // A focal point by clicking the picture (a quarter across, three quarters down), then moved by the keyboard.
        var picture = _page.Locator("#picture");
        await Expect(picture).ToHaveJSPropertyAsync("complete", true);
        var box = (await picture.BoundingBoxAsync())!;
        await picture.ClickAsync(new() { Position = new Position { X = box.Width * 0.25f, Y = box.Height * 0.75f } });
        await Expect(_page.Locator("#focus-area")).ToHaveAttributeAsync("data-saved", new Regex(@"^0\.2"));
        var focus = (await MetadataAsync(api, "hibiscus-regular")).GetProperty("focus");
        Assert.InRange(focus.GetProperty("x").GetDouble(), 0.24, 0.26);
        Assert.InRange(focus.GetProperty("y").GetDouble(), 0.74, 0.76);
        var clickedX = focus.GetProperty("x").GetDouble();
        await _page.Locator("#focus-area").FocusAsync();
        await _page.Keyboard.PressAsync("Shift+ArrowRight");
        await _page.Keyboard.PressAsync("Enter");
        await Expect(_page.Locator("#focus-area")).ToHaveAttributeAsync("data-saved", new Regex(@"^0\.3"));
        Assert.Equal(Math.Round(clickedX + 0.1, 4), (await MetadataAsync(api, "hibiscus-regular")).GetProperty("focus").GetProperty("x").GetDouble(), 3);
        await Expect(_page.Locator("#focus-value")).ToContainTextAsync("x 35%");

        // Build a URL: the preview loads at the size asked for, in the format asked for.
        await _page.GetByLabel("Width").FillAsync("120");
        await _page.GetByLabel("Height").FillAsync("80");
        await _page.GetByLabel("Format").SelectOptionAsync("png");
        var url = $"{_server.BaseAddress}derived/hibiscus-regular-120x80.png";
        await Expect(_page.GetByLabel("URL", new() { Exact = true })).ToHaveValueAsync(url);
        await Expect(_page.Locator("#b-preview")).ToHaveAttributeAsync("data-size", "120x80");
        await Expect(_page.Locator("#b-info")).ToHaveTextAsync("Preview: 120×80");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Copy URL" }).ClickAsync();
        await Expect(_page.Locator("#status")).ToHaveTextAsync("URL copied.");
        Assert.Equal(url, await _page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        using (var built = await api.GetAsync(url))
        {
            Assert.Equal("image/png", built.Content.Headers.ContentType?.MediaType);
            Assert.Equal((120, 80), Pixels.Size(await built.Content.ReadAsByteArrayAsync()));
        }

        // Transformation tokens: fit inside 120×120 keeps the portrait's aspect; a fill at pixel density 2 doubles the size.
        await _page.GetByLabel("Mode").SelectOptionAsync("fit");
        await _page.GetByLabel("Height").FillAsync("120");
        await _page.GetByLabel("Format").SelectOptionAsync("webp");
        var fitUrl = $"{_server.BaseAddress}derived/hibiscus-regular/w_120,h_120,c_fit.webp";
        await Expect(_page.GetByLabel("URL", new() { Exact = true })).ToHaveValueAsync(fitUrl);
        var (fitWidth, fitHeight) = Pixels.Size(await api.GetByteArrayAsync(fitUrl));
        Assert.Equal(120, fitHeight);
        Assert.InRange(fitWidth, 84, 85); // 312×442 scaled by 120/442
        await Expect(_page.Locator("#b-preview")).ToHaveAttributeAsync("data-size", $"{fitWidth}x{fitHeight}");
        await _page.GetByLabel("Mode").SelectOptionAsync("fill");
        await _page.GetByLabel("Width").FillAsync("60");
        await _page.GetByLabel("Height").FillAsync("40");
        await _page.GetByLabel("Gravity").SelectOptionAsync("north");
        await _page.GetByLabel("Pixel density").SelectOptionAsync("2");
        await Expect(_page.GetByLabel("URL", new() { Exact = true })).ToHaveValueAsync($"{_server.BaseAddress}derived/hibiscus-regular/w_60,h_40,c_fill,g_north,dpr_2.webp");
        await Expect(_page.Locator("#b-preview")).ToHaveAttributeAsync("data-size", "120x80");
        // A quality out of range: the preview says why, in the service's words.
        await _page.GetByLabel("Quality").FillAsync("101");
        await Expect(_page.Locator("#b-info")).ToContainTextAsync("Not available:");
        await Expect(_page.Locator("#b-info")).ToContainTextAsync("q_");
        await _page.GetByLabel("Quality").FillAsync("");
        await Expect(_page.Locator("#b-preview")).ToHaveAttributeAsync("data-size", "120x80");

        // Tags: saved through the UI, in the API, and searchable from the grid. The answer redraws the derived list,
        // which now holds the URL builder's image (made after the focal point, which removed those that followed the centre).
        await _page.GetByRole(AriaRole.Textbox, new() { Name = "Tags" }).FillAsync("flower, red");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save tags" }).ClickAsync();
        await Expect(_page.Locator("#status")).ToHaveTextAsync("Tags saved: flower, red.");
        await Expect(_page.Locator("#derived")).ToContainTextAsync("hibiscus-regular-120x80.png");
        await Expect(_page.Locator("#derived")).ToContainTextAsync("hibiscus-regular/w_120,h_120,c_fit.webp");
        Assert.Equal(["flower", "red"], (await MetadataAsync(api, "hibiscus-regular")).GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        await Screenshot("image");

        // Purge its derived images (admin key): none left, in the page and the API.
        await _page.GetByRole(AriaRole.Button, new() { Name = "Delete derived images" }).ClickAsync();
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Derived images (0)" })).ToBeVisibleAsync();
        Assert.Equal(0, (await MetadataAsync(api, "hibiscus-regular")).GetProperty("derived").GetArrayLength());

        await _page.GetByRole(AriaRole.Link, new() { Name = "← All originals" }).ClickAsync();
        await Expect(_page.Locator("#stats")).ToContainTextAsync("3 originals");
        await _page.GetByLabel("Tag", new() { Exact = true }).FillAsync("red");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(_page.Locator("#grid a.tile")).ToHaveCountAsync(1);
        await Expect(_page.Locator("#grid a.tile")).ToHaveAttributeAsync("data-id", "hibiscus-regular");
        await _page.Locator("#grid a.tile").ClickAsync();

        // Delete with confirmation: cancel keeps it, confirm removes it from the grid and the API.
        await _page.GetByRole(AriaRole.Button, new() { Name = "Delete original…" }).ClickAsync();
        var dialog = _page.GetByRole(AriaRole.Dialog, new() { Name = "Delete hibiscus-regular?" });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/original/hibiscus-regular/metadata")).StatusCode);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Delete original…" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Originals" })).ToBeVisibleAsync();
        await Expect(_page.Locator("#grid a.tile")).ToHaveCountAsync(2);
        await Expect(_page.Locator("#grid a.tile[data-id='hibiscus-regular']")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/original/hibiscus-regular/metadata")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/original/hibiscus-regular")).StatusCode);

        // Pages of 48: the next one loads when the end of the grid scrolls into view.
        var small = Pixels.Solid(8, 8);
        for (var i = 0; i < 50; i++) (await api.UploadOkAsync($"page-{i:D2}", small)).Dispose();
        await _page.ReloadAsync();
        await Expect(_page.Locator("#grid a.tile")).ToHaveCountAsync(48);
        await Expect(_page.Locator("#grid-summary")).ToHaveTextAsync("48 originals shown, more below.");
        await _page.Locator("#load-more").ScrollIntoViewIfNeededAsync();
        await Expect(_page.Locator("#grid a.tile")).ToHaveCountAsync(52);
        await Expect(_page.Locator("#grid a.tile").Last).ToHaveAttributeAsync("data-id", "page-49");
        await Expect(_page.Locator("#load-more")).ToBeHiddenAsync();

        // A phone's width: nothing wider than the window, on the grid and on an image's page.
        await _page.SetViewportSizeAsync(390, 800);
        Assert.True(await _page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await _page.GotoAsync("/admin/#/image/harvesters");
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "harvesters", Exact = true })).ToBeVisibleAsync();
        await Expect(_page.Locator("#b-preview")).ToHaveAttributeAsync("data-size", new Regex(@"^\d+x\d+$"));
        Assert.True(await _page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await Screenshot("phone");

        // Logging out forgets the key: the login form again, even after a reload.
        await _page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await _page.ReloadAsync();
        await Expect(_page.GetByLabel("API key")).ToBeVisibleAsync();

        lock (_cspViolations) Assert.Empty(_cspViolations);
    }

    [Fact]
    public async Task A_read_key_browses_and_builds_urls_but_is_offered_no_changes()
    {
        using var api = _server.Client();
        (await api.UploadOkAsync("hibiscus", Corpus.Bytes("wuffs/hibiscus.regular.jpeg"))).Dispose();

        await _page.GotoAsync("/admin/");
        await _page.GetByLabel("API key").FillAsync(ReadKey);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(_page.Locator("#who")).ToHaveTextAsync("read key");
        await Expect(_page.Locator("#grid a.tile")).ToHaveCountAsync(1);
        await Expect(_page.Locator("#upload-files")).ToHaveCountAsync(0);

        await _page.Locator("#grid a.tile").ClickAsync();
        await Expect(_page.Locator("#b-preview")).ToHaveAttributeAsync("data-size", new Regex(@"^\d+x\d+$"));
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Delete original…" })).ToHaveCountAsync(0);
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Save tags" })).ToHaveCountAsync(0);
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Delete derived images" })).ToHaveCountAsync(0);
        await Expect(_page.Locator("#focus-area")).Not.ToHaveAttributeAsync("tabindex", "0");
        await _page.Locator("#picture").ClickAsync();
        await Expect(_page.Locator("#focus-value")).ToContainTextAsync("none");
        Assert.Equal(JsonValueKind.Null, (await MetadataAsync(api, "hibiscus")).GetProperty("focus").ValueKind);
    }

    private static async Task<JsonElement> MetadataAsync(HttpClient api, string id) =>
        await api.GetFromJsonAsync<JsonElement>($"/original/{id}/metadata");

    private async Task Screenshot(string name)
    {
        if (Environment.GetEnvironmentVariable("PICTOR_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await _page.EvaluateAsync("document.getElementById('status').textContent = ''"); // no passing toast in the picture
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"admin-{name}.png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _server.DisposeAsync();
        _root.Dispose();
    }
}
