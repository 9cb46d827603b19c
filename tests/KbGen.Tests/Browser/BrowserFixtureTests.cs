namespace KbGen.Tests.Browser;

/// <summary>The watcher must see what it claims to: a page that breaks its own CSP and logs an
/// error is reported, so "no problems" elsewhere means something.</summary>
public class BrowserFixtureTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Watch_reports_CSP_violations_console_errors_and_missing_files()
    {
        var dir = Directory.CreateTempSubdirectory("kbgen-browser-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "index.html"), """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
                <meta http-equiv="Content-Security-Policy" content="default-src 'self'">
                <title>t</title><script src="ok.js"></script><script>window.inline = 1;</script></head>
                <body><img src="missing.png" alt=""></body></html>
                """);
            File.WriteAllText(Path.Combine(dir.FullName, "ok.js"), "console.error('from ok.js');");
            using var server = new StaticFileServer(dir.FullName);
            await using var context = await browser.NewContextAsync();
            var problems = await BrowserFixture.WatchAsync(context);
            var page = await context.NewPageAsync();
            await page.GotoAsync(server.BaseUrl, new() { WaitUntil = Microsoft.Playwright.WaitUntilState.NetworkIdle });
            await page.WaitForTimeoutAsync(100);
            var all = problems.ToString();
            Assert.Contains("CSP violation: script-src", all);
            Assert.Contains("from ok.js", all);
            Assert.Contains("HTTP 404", all);
            Assert.Contains("/missing.png", all);
            Assert.Null(await page.EvaluateAsync<int?>("() => window.inline"));
        }
        finally { dir.Delete(recursive: true); }
    }
}
