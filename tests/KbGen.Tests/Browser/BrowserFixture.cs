using Microsoft.Playwright;

namespace KbGen.Tests.Browser;

/// <summary>One headless Chromium (the system's /usr/bin/chromium; no browser is downloaded)
/// shared by a test class: use it as IClassFixture&lt;BrowserFixture&gt; and open a fresh context per
/// test so storage does not leak between tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("browser not started");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }

    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null) =>
        Browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });

    /// <summary>Records, for every page of <paramref name="context"/>, console errors and warnings,
    /// uncaught exceptions, failed requests and Content-Security-Policy violations. Call before
    /// opening pages. Chromium asks every origin for /favicon.ico by itself; that 404 is ignored
    /// unless <paramref name="ignoreMissingFavicon"/> is false.</summary>
    public static async Task<PageProblems> WatchAsync(IBrowserContext context, bool ignoreMissingFavicon = true)
    {
        var problems = new PageProblems();
        await context.ExposeFunctionAsync("__kbReportCsp", (string what) => { problems.Add("CSP violation: " + what); });
        // Init scripts run before the page's own scripts and are not subject to its CSP.
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', function (e) {
              window.__kbReportCsp(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
            });
            """);
        context.Page += (_, page) =>
        {
            page.Console += (_, m) =>
            {
                if (m.Type is not ("error" or "warning")) return;
                // The browser's own favicon probe is not the page's doing (its failure is also reported as a response below).
                if (ignoreMissingFavicon && m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal) && m.Location.Contains("/favicon.ico", StringComparison.Ordinal)) return;
                problems.Add($"console {m.Type} on {page.Url}: {m.Text} ({m.Location})");
            };
            page.Response += (_, r) =>
            {
                if (r.Status < 400 || (ignoreMissingFavicon && new Uri(r.Url).AbsolutePath == "/favicon.ico")) return;
                problems.Add($"HTTP {r.Status} on {page.Url}: {r.Url}");
            };
            page.PageError += (_, e) => problems.Add($"uncaught error on {page.Url}: {e}");
            page.RequestFailed += (_, r) => problems.Add($"request failed on {page.Url}: {r.Url} {r.Failure}");
        };
        return problems;
    }
}

/// <summary>Problems a page reported while a test used it.</summary>
public sealed class PageProblems
{
    private readonly List<string> _items = [];
    public void Add(string s) { lock (_items) _items.Add(s); }
    public IReadOnlyList<string> Items { get { lock (_items) return [.. _items]; } }
    public override string ToString() => string.Join("\n", Items);
}
