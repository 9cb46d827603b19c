using KbGen.Publishing;
using KbGen.Tests.Browser;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KbGen.Tests.Hardening;

/// <summary>Every generated HTML page of the hostile builds opened in headless Chromium, served
/// on 127.0.0.1: no payload opens a dialog, breaks the Content-Security-Policy, throws, or logs a
/// console error (the browser's own favicon probe aside). Group g is loaded in the public channel
/// when g is even and in the preview channel when it is odd, so every payload is loaded once and
/// both channels are covered. On each home page the search box gets a payload and a payload word.</summary>
public sealed class HostileBrowserTests(BrowserFixture browser, HostileBuildFixture build, ITestOutputHelper log)
    : IClassFixture<BrowserFixture>, IClassFixture<HostileBuildFixture>
{
    public static TheoryData<int> Groups() => new(Enumerable.Range(0, HostileContent.Groups));

    /// <summary>The hostile kb.yaml's base-url.</summary>
    private static readonly string BaseUrl = System.Text.RegularExpressions.Regex.Match(
        File.ReadAllText(Path.Combine(HostileContent.Root, "content", "kb.yaml")), @"(?m)^base-url:\s*(\S+)").Groups[1].Value;

    private static async Task ServeFromAsync(IRoute route, string site)
    {
        var path = Uri.UnescapeDataString(new Uri(route.Request.Url).AbsolutePath).TrimStart('/');
        var file = Path.GetFullPath(Path.Combine(site, path));
        if (!file.StartsWith(Path.GetFullPath(site) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
        {
            await route.FulfillAsync(new RouteFulfillOptions { Status = 404, Body = "not found" });
            return;
        }
        var type = Path.GetExtension(file) switch
        {
            ".html" => "text/html; charset=utf-8", ".css" => "text/css; charset=utf-8", ".js" => "text/javascript; charset=utf-8",
            ".svg" => "image/svg+xml", ".xml" => "application/xml", _ => "application/octet-stream",
        };
        await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = type, BodyBytes = await File.ReadAllBytesAsync(file) });
    }

    private static Channel ChannelOf(int group) => group % 2 == 0 ? Channel.Public : Channel.Preview;

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task Every_page_loads_without_dialog_CSP_violation_or_error(int group)
    {
        var b = new HostileBuildFixture.Build(group, ChannelOf(group));
        var site = build.SiteOf(b);
        var pages = Directory.EnumerateFiles(site, "*.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(site, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(pages, p => p.StartsWith("topics/hostile/", StringComparison.Ordinal));

        using var server = new StaticFileServer(site);
        await using var context = await browser.NewContextAsync();
        var problems = await BrowserFixture.WatchAsync(context);
        var dialogs = new List<string>();
        context.Page += (_, page) => page.Dialog += async (_, d) =>
        {
            lock (dialogs) dialogs.Add($"{d.Type} on {page.Url}: {d.Message}");
            await d.DismissAsync();
        };
        // 404.html is served for any missing path, so it links its assets by the absolute base-url:
        // it is loaded from there, the base-url's origin answered from the same folder.
        await context.RouteAsync(BaseUrl + "**", route => ServeFromAsync(route, site));
        var page = await context.NewPageAsync();
        foreach (var rel in pages)
        {
            var url = (rel == "404.html" ? BaseUrl : server.BaseUrl) + rel;
            var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            Assert.Equal(200, response?.Status);
            if (rel.StartsWith("topics/hostile/", StringComparison.Ordinal) && await page.Locator("#patient").CountAsync() > 0
                && await page.Locator(".audience-switch").IsVisibleAsync())
            {
                // The patient layer is hidden until chosen: show it too, so its text is laid out and live.
                await page.GetByRole(AriaRole.Radio, new PageGetByRoleOptions { Name = "Patient or caregiver", Exact = true }).CheckAsync();
                await Assertions.Expect(page.Locator("#patient")).ToBeVisibleAsync();
            }
            if (rel == "index.html") await SearchAsync(page, b);
        }
        // A dialog or handler would have fired by now; give late timers a moment anyway.
        await page.WaitForTimeoutAsync(200);
        log.WriteLine($"{b}: {pages.Count} pages");
        lock (dialogs) Assert.True(dialogs.Count == 0, string.Join("\n", dialogs));
        Assert.True(problems.Items.Count == 0, problems.ToString());
    }

    /// <summary>Typed into the search box: a payload of the group (the topic title holds it, so
    /// its words find the hostile topic) and the longest word of the group's payloads. The hit
    /// shows the payload as text, and the results list holds only the list items, links and spans
    /// the script makes.</summary>
    private static async Task SearchAsync(IPage page, HostileBuildFixture.Build b)
    {
        var mine = HostileContent.Payloads.Where((p, i) => i % HostileContent.Groups == b.Group && p.Class != "control" && !p.Name.StartsWith("long-", StringComparison.Ordinal)).ToList();
        var payload = mine.FirstOrDefault(p => p.Class == "html") ?? mine[0];
        var word = mine.SelectMany(p => System.Text.RegularExpressions.Regex.Matches(p.Text, "[A-Za-z]{4,}").Select(m => m.Value))
            .OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).First();
        var input = page.Locator("#search-input");
        var results = page.Locator("#search-results");
        foreach (var query in new[] { payload.Text, word })
        {
            await input.FillAsync("");
            await input.PressSequentiallyAsync(query);
            var hit = page.Locator("#search-results a[href*='topics/hostile']");
            await Assertions.Expect(hit).ToHaveCountAsync(1);
            var title = await hit.TextContentAsync() ?? "";
            Assert.True(Norm(title).Contains(Norm(payload.Text), StringComparison.Ordinal),
                $"{b}: search for '{query}': the hit's title does not show {payload.Name} as text: {title}");
            var foreign = await results.EvaluateAsync<string[]>(
                "l => Array.from(l.querySelectorAll('*')).filter(e => !['LI','A','SPAN'].includes(e.tagName) || Array.from(e.attributes).some(a => !['href','class'].includes(a.name))).map(e => e.outerHTML.slice(0, 120))");
            Assert.True(foreign.Length == 0, $"{b}: search results hold {string.Join(", ", foreign)}");
        }
    }

    private static string Norm(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
