using KbGen.Publishing;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using KbGen.Rendering.Html;

namespace KbGen.Tests.Site;

/// <summary>Structural checks over every page of the sample site, built in both channels.</summary>
public class SampleSiteTests(SampleSiteFixture site) : IClassFixture<SampleSiteFixture>
{
    public static TheoryData<Channel> Channels => new() { Channel.Public, Channel.Preview };

    private static readonly HtmlParser Parser = new();

    private IEnumerable<(string Path, IHtmlDocument Doc)> Pages(Channel c)
    {
        var root = site.SiteOf(c);
        foreach (var f in TestPaths.Files(root).Where(f => f.EndsWith(".html", StringComparison.Ordinal)))
            yield return (f, Parser.ParseDocument(File.ReadAllText(Path.Combine(root, f))));
    }

    private static void NoFailures(List<string> failures) =>
        Assert.True(failures.Count == 0, string.Join("\n", failures));

    [Theory]
    [MemberData(nameof(Channels))]
    public void Every_citation_resolves_to_the_reference_list_of_its_page(Channel c)
    {
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var (path, doc) in Pages(c))
            foreach (var a in doc.QuerySelectorAll("sup.cite a"))
            {
                checkedCount++;
                var href = a.GetAttribute("href") ?? "";
                if (!href.StartsWith("#ref-", StringComparison.Ordinal)) { failures.Add($"{path}: citation link '{href}'"); continue; }
                var target = doc.GetElementById(href[1..]);
                if (target is null || target.Closest("#references ol, ol.reference-list") is null)
                    failures.Add($"{path}: {href} has no entry in the page's reference list");
            }
        NoFailures(failures);
        Assert.True(checkedCount > 20, $"only {checkedCount} citations found");
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Citations_are_numbered_by_first_appearance(Channel c)
    {
        var failures = new List<string>();
        foreach (var (path, doc) in Pages(c))
        {
            var seen = new List<string>();
            foreach (var a in doc.QuerySelectorAll("sup.cite a"))
            {
                var id = (a.GetAttribute("href") ?? "").TrimStart('#');
                if (!seen.Contains(id)) seen.Add(id);
                var want = seen.IndexOf(id) + 1;
                if (a.TextContent != want.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    failures.Add($"{path}: citation of {id} shows {a.TextContent}, by first appearance it is {want}");
            }
            var list = doc.QuerySelectorAll("#references ol > li").Select(li => li.Id).ToList();
            if (seen.Count > 0 && !list.SequenceEqual(seen))
                failures.Add($"{path}: reference list [{string.Join(", ", list)}] is not in citation order [{string.Join(", ", seen)}]");
        }
        NoFailures(failures);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void No_script_comes_from_content(Channel c)
    {
        var allowedScripts = new[] { "assets/site.js", "assets/search-index.js" };
        var failures = new List<string>();
        foreach (var (path, doc) in Pages(c))
        {
            foreach (var s in doc.Scripts)
            {
                var src = s.GetAttribute("src");
                if (src is null || s.TextContent.Trim().Length > 0) failures.Add($"{path}: inline <script>");
                else if (!allowedScripts.Any(a => src == SitePaths.RootOf(path) + a || src == "https://kb.example.org/" + a)) failures.Add($"{path}: <script src=\"{src}\">");
            }
            foreach (var e in doc.All)
            {
                if (e.LocalName is "iframe" or "object" or "embed" or "base" or "form") failures.Add($"{path}: <{e.LocalName}>");
                foreach (var attr in e.Attributes)
                {
                    if (attr.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)) failures.Add($"{path}: {attr.Name} on <{e.LocalName}>");
                    if (attr.Name is "href" or "src" or "action" or "formaction" or "xlink:href")
                    {
                        var v = new string(attr.Value.Where(ch => !char.IsWhiteSpace(ch) && !char.IsControl(ch)).ToArray());
                        if (v.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || v.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                            || v.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase))
                            failures.Add($"{path}: {attr.Name}=\"{attr.Value}\" on <{e.LocalName}>");
                    }
                }
            }
        }
        NoFailures(failures);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Every_internal_link_resolves_to_a_file_of_the_output(Channel c)
    {
        var root = site.SiteOf(c);
        var baseUrl = "https://kb.example.org/";
        var failures = new List<string>();
        var count = 0;
        foreach (var (path, doc) in Pages(c))
            foreach (var e in doc.QuerySelectorAll("[href], [src]"))
            {
                var url = e.GetAttribute("href") ?? e.GetAttribute("src")!;
                if (e.LocalName == "link" && e.GetAttribute("rel") == "canonical") url = url.StartsWith(baseUrl, StringComparison.Ordinal) ? url : "bad-canonical:" + url;
                string target;
                if (url.StartsWith(baseUrl, StringComparison.Ordinal)) target = url[baseUrl.Length..];
                else if (url.Contains(':')) continue; // http(s) elsewhere, mailto
                else if (url.StartsWith('#'))
                {
                    count++;
                    if (doc.GetElementById(url[1..]) is null) failures.Add($"{path}: {url} has no target on the page");
                    continue;
                }
                else target = Path.GetRelativePath(root, Path.GetFullPath(Path.Combine(root, Path.GetDirectoryName(path)!, url.Split('#', '?')[0])))
                    .Replace('\\', '/');
                count++;
                target = target.Split('#', '?')[0];
                if (target == "" || target.EndsWith('/')) target += "index.html";
                if (target.StartsWith("..", StringComparison.Ordinal) || !File.Exists(Path.Combine(root, target)))
                    failures.Add($"{path}: {e.LocalName} {url} → {target} does not exist");
            }
        NoFailures(failures);
        Assert.True(count > 30, $"only {count} internal links found");
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Every_page_has_one_h1_and_headings_in_order(Channel c)
    {
        var failures = new List<string>();
        foreach (var (path, doc) in Pages(c))
        {
            var h1 = doc.QuerySelectorAll("h1").Length;
            if (h1 != 1) failures.Add($"{path}: {h1} h1 elements");
            var previous = 0;
            foreach (var h in doc.QuerySelectorAll("h1, h2, h3, h4, h5, h6"))
            {
                var level = h.LocalName[1] - '0';
                if (level > previous + 1) failures.Add($"{path}: <{h.LocalName}> \"{h.TextContent.Trim()}\" follows h{previous}");
                previous = level;
            }
        }
        NoFailures(failures);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Every_page_has_a_strict_CSP_and_no_referrer(Channel c)
    {
        var failures = new List<string>();
        foreach (var (path, doc) in Pages(c))
        {
            var csp = doc.QuerySelector("head meta[http-equiv='Content-Security-Policy']")?.GetAttribute("content");
            if (csp is null) { failures.Add($"{path}: no CSP meta"); continue; }
            var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (!directives.Contains("default-src 'self'")) failures.Add($"{path}: CSP lacks default-src 'self': {csp}");
            if (csp.Contains("unsafe-inline") || csp.Contains("unsafe-eval") || csp.Contains('*')) failures.Add($"{path}: CSP too loose: {csp}");
            // The meta must come before anything it governs.
            var first = doc.Head!.Children.TakeWhile(e => e.GetAttribute("http-equiv") != "Content-Security-Policy");
            if (first.Any(e => e.LocalName is "script" or "link" or "style")) failures.Add($"{path}: CSP meta after a script or style");
            if (doc.QuerySelector("head meta[name=referrer]")?.GetAttribute("content") != "no-referrer")
                failures.Add($"{path}: no referrer meta");
        }
        NoFailures(failures);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Sitemap_lists_every_page_with_absolute_urls(Channel c)
    {
        var root = site.SiteOf(c);
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locs = XDocument.Load(Path.Combine(root, "sitemap.xml")).Descendants(ns + "loc").Select(l => l.Value).ToList();
        var pages = TestPaths.Files(root).Where(f => f.EndsWith(".html", StringComparison.Ordinal) && f != "404.html")
            .Select(f => "https://kb.example.org/" + SitePaths.Pretty(f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(pages, locs.Order(StringComparer.Ordinal).ToList());
        Assert.Equal(locs.Count, locs.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void The_404_page_works_at_any_depth(Channel c)
    {
        // A host serves 404.html for /topics/gone/ too: relative URLs would point nowhere there.
        var doc = Parser.ParseDocument(File.ReadAllText(Path.Combine(site.SiteOf(c), "404.html")));
        var relative = doc.QuerySelectorAll("[href], [src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .Where(u => !u.StartsWith("https://kb.example.org/", StringComparison.Ordinal) && !u.StartsWith('#'))
            .ToList();
        Assert.Empty(relative);
    }

    [Fact]
    public void Public_channel_leaves_out_the_under_review_topic_everywhere()
    {
        var root = site.PublicSite;
        Assert.True(File.Exists(Path.Combine(root, "topics", SampleSiteFixture.ApprovedTopic, "index.html")));
        Assert.False(Directory.Exists(Path.Combine(root, "topics", SampleSiteFixture.UnderReviewTopic)));
        const string title = "Back pain after osteoporotic vertebral fractures";
        foreach (var f in TestPaths.Files(root))
        {
            var text = File.ReadAllText(Path.Combine(root, f));
            Assert.False(text.Contains(SampleSiteFixture.UnderReviewTopic, StringComparison.Ordinal), $"{f} mentions the under-review topic's id");
            Assert.False(text.Contains(title, StringComparison.Ordinal), $"{f} mentions the under-review topic's title");
            Assert.False(text.Contains("Pending review", StringComparison.Ordinal), $"{f} shows a pending banner");
        }
        var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "assets", "search-index.json")));
        Assert.Equal([SampleSiteFixture.ApprovedTopic], index.RootElement.EnumerateArray().Select(e => e.GetProperty("href").GetString()!.Split('/')[1]));
    }

    [Fact]
    public void Preview_shows_the_under_review_topic_with_a_pending_banner()
    {
        var root = site.PreviewSite;
        var doc = Parser.ParseDocument(File.ReadAllText(Path.Combine(root, "topics", SampleSiteFixture.UnderReviewTopic, "index.html")));
        var banner = doc.QuerySelector(".banner-pending");
        Assert.NotNull(banner);
        Assert.Contains("Pending review: educational use only", banner.TextContent);
        var approved = Parser.ParseDocument(File.ReadAllText(Path.Combine(root, "topics", SampleSiteFixture.ApprovedTopic, "index.html")));
        Assert.Null(approved.QuerySelector(".banner-pending"));

        var home = Parser.ParseDocument(File.ReadAllText(Path.Combine(root, "index.html")));
        Assert.Contains(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"topics/{SampleSiteFixture.UnderReviewTopic}/index.html");
        Assert.Contains(SampleSiteFixture.UnderReviewTopic, File.ReadAllText(Path.Combine(root, "assets", "search-index.js")));
        Assert.Contains(SampleSiteFixture.UnderReviewTopic, File.ReadAllText(Path.Combine(root, "sitemap.xml")));
    }
}
