using AngleSharp.Html.Parser;
using KbGen.Building;
using KbGen.Publishing;
using KbGen.Tests.Pdf;

namespace KbGen.Tests.Workflow;

/// <summary>publish → edit one claim → review → publish, then build: the site shows both versions at
/// stable URLs, the old one with a banner to the current, a redline with exactly the changed words,
/// What's new and the feed newest first; the public topic page is the latest published version,
/// and the handout's QR link points at that version.</summary>
public sealed class PublishedSiteTests : IDisposable
{
    private readonly TempContent _kb = new();
    private readonly string _out = Path.Combine(Path.GetTempPath(), "kbgen-pubsite-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        _kb.Dispose();
        try { Directory.Delete(_out, recursive: true); } catch (IOException) { }
    }

    private void Ok((int Code, string Out, string Err) r) => Assert.True(r.Code == 0, r.Out + r.Err);

    [Fact]
    public void Two_published_versions_build_into_pages_redline_feed_and_handouts()
    {
        const string t = TempContent.Lumbar;
        Ok(_kb.Run("publish", t, "--date", "2025-10-10"));
        _kb.Write(t, _kb.Read(t).Replace("NSAIDs relieve back pain effectively", "NSAIDs often relieve back pain well"));
        Ok(_kb.Run("review", t, "--status", "draft", "--by", "Editor", "--date", "2025-11-01"));
        Ok(_kb.Run("review", t, "--status", "submitted", "--by", "Editor", "--date", "2025-11-02"));
        Ok(_kb.Run("review", t, "--status", "under-review", "--by", "Board", "--date", "2025-11-03"));
        Ok(_kb.Run("review", t, "--status", "approved", "--by", "Chair", "--note", "NSAID wording", "--date", "2025-11-04"));
        Ok(_kb.Run("publish", t, "--date", "2025-11-05"));
        // An unpublished edit after v2: the public site must not show it.
        _kb.Write(t, _kb.Read(t).Replace("Mild dizziness is a reported side effect", "Dizziness UNPUBLISHED"));

        var report = SiteBuild.Run(new BuildOptions { ContentDir = _kb.Dir, OutDir = Path.Combine(_out, "output"), Channel = Channel.Public, Today = new DateOnly(2025, 12, 1) });
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        var site = Path.Combine(_out, "output", "site");
        var parser = new HtmlParser();
        AngleSharp.Dom.IDocument Page(string path) => parser.ParseDocument(File.ReadAllText(Path.Combine(site, path)));

        var current = Page($"topics/{t}/index.html");
        Assert.Contains("NSAIDs often relieve back pain well", current.Body!.TextContent);
        Assert.DoesNotContain("UNPUBLISHED", current.Body.TextContent);
        Assert.Equal(2, current.QuerySelectorAll(".revisions tbody tr").Length);

        var v1 = Page($"topics/{t}/v1/index.html");
        var banner = v1.QuerySelector(".banner-old")!;
        Assert.Contains("version 1", banner.TextContent);
        Assert.Equal($"../../../topics/{t}/index.html", banner.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("NSAIDs relieve back pain effectively", v1.Body!.TextContent);

        var changes = Page($"topics/{t}/v2/changes/index.html");
        var items = changes.QuerySelectorAll(".redline li");
        Assert.Single(items);
        Assert.Equal(["often", "well"], items[0].QuerySelectorAll("ins").Select(e => e.TextContent.Trim().TrimEnd(';')).Where(s => s.Length > 0).ToArray());
        Assert.Contains("effectively", string.Concat(items[0].QuerySelectorAll("del").Select(e => e.TextContent)));

        var whatsNew = Page("whats-new/index.html").QuerySelectorAll(".whats-new li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, whatsNew.Count);
        Assert.Contains("version 2", whatsNew[0]);
        var feed = System.Xml.Linq.XDocument.Load(Path.Combine(site, "feed.xml"));
        XNamespaceAtom(feed, out var entries);
        Assert.Equal([$"https://kb.example.org/topics/{t}/v2/", $"https://kb.example.org/topics/{t}/v1/"], entries);

        var handout = PdfTools.Run("pdftotext", Path.Combine(_out, "output", "pdf", $"{t}-patient.pdf"), "-").Output;
        Assert.Contains($"https://kb.example.org/topics/{t}/v2/", handout);
        Assert.Contains("Version 2", handout);
    }

    private static void XNamespaceAtom(System.Xml.Linq.XDocument feed, out List<string> entryIds)
    {
        System.Xml.Linq.XNamespace a = "http://www.w3.org/2005/Atom";
        entryIds = feed.Root!.Elements(a + "entry").Select(e => e.Element(a + "id")!.Value).ToList();
    }
}
