using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KbGen.Tests.Serve;

/// <summary>Chromium (system /usr/bin/chromium, never downloaded) on a served page: a save makes the
/// page reload by itself through the server-sent-events channel, a broken file brings up the
/// overlay (styled by /__kbgen/overlay.css under the page's CSP), and fixing it clears it.</summary>
[Collection(TimedCollection.Name)]
public sealed class LiveReloadBrowserTests(ITestOutputHelper log)
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    [Fact]
    public async Task The_page_reloads_by_itself_after_a_save()
    {
        using var kb = new TempKb();
        await using var server = await ServeHttp.Start(kb);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs,
        });
        var page = await browser.NewPageAsync();
        var cspErrors = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) cspErrors.Add(m.Text); };

        var connected = page.WaitForResponseAsync(r => r.Url.EndsWith("/__kbgen/events", StringComparison.Ordinal), new() { Timeout = 5000 });
        await page.GotoAsync(new Uri(server.Url, TempKb.TopicUrl).ToString());
        await connected;
        await page.EvaluateAsync("() => { window.kbgenMarker = 'before'; }");
        var loads = 0;
        page.Load += (_, _) => loads++;

        var text = kb.ReadTopic();
        var clock = Stopwatch.StartNew();
        kb.WriteTopic(text.Replace(TempKb.KnownText, "NSAIDs relieve back pain (saved in the editor)"));
        await page.WaitForFunctionAsync(
            "() => window.kbgenMarker === undefined && document.body.innerText.includes('NSAIDs relieve back pain (saved in the editor)')",
            null, new() { Timeout = 5000, PollingInterval = 20 });
        log.WriteLine($"browser showed the save after {clock.ElapsedMilliseconds} ms");
        Assert.True(loads >= 1);

        // A broken file: the page reloads into the overlay, over the last good page.
        // (No need to wait for the reloaded page's channel: on connecting it is told the current
        // build and reloads if it missed one.)
        kb.WriteTopic(TempKb.WithLine(text, 8, "tags: spine: pain"));
        var overlay = page.Locator("#kbgen-overlay");
        await overlay.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 5000 });
        Assert.Equal("fixed", await overlay.EvaluateAsync<string>("e => getComputedStyle(e).position"));
        Assert.Equal("8", await page.Locator("#kbgen-overlay li.kbgen-diagnostic").GetAttributeAsync("data-line"));
        Assert.Contains("saved in the editor", await page.InnerTextAsync("main"));

        // Fixing it: the overlay goes away by itself.
        kb.WriteTopic(text);
        await overlay.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 5000 });
        await page.WaitForFunctionAsync($"() => document.body.innerText.includes('{TempKb.KnownText}')", null, new() { Timeout = 5000 });
        Assert.Empty(cspErrors);
    }
}
