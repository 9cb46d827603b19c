using System.Text.Json;
using System.Text.RegularExpressions;
using KbGen.Authoring;
using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Rendering;
using KbGen.Tests.Site;

namespace KbGen.Tests.Building;

/// <summary>`kbgen dev export-hugo`: the Hugo site the HTML benchmark compares against must carry
/// everything a KbGen topic page shows, or the comparison flatters KbGen.</summary>
public sealed class BenchExportTests
{
    [Fact]
    public void The_equivalent_hugo_site_carries_every_citation_reference_and_chart_of_each_topic()
    {
        using var tmp = new TempDir("export");
        var count = BenchExport.Write(TestPaths.Content, tmp.Path);
        var kb = ContentLoader.Load(TestPaths.Content, new DiagnosticBag())!;
        Assert.Equal(kb.Topics.Count, count);

        var references = JsonDocument.Parse(File.ReadAllText(tmp.Combine("hugo", "data", "references.json"))).RootElement;
        foreach (var t in kb.Topics)
        {
            var page = File.ReadAllText(tmp.Combine("hugo", "content", "topics", t.Id, "index.md"));
            var front = JsonDocument.Parse(page[..page.IndexOf("\n\n", StringComparison.Ordinal)]).RootElement;
            var numbering = new CitationNumbering(t, kb.FindReference);

            // Cited references in numbering order (the shortcode numbers from this list), each with its formatted text.
            var refs = front.GetProperty("refs").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.Equal(numbering.References.Select(r => r.Id), refs);
            Assert.All(refs, id => Assert.False(string.IsNullOrEmpty(references.GetProperty(id).GetProperty("html").GetString())));

            // Every citation of every text the page shows, nested claims included, as a shortcode.
            var cited = CitationNumbering.InPageOrder(t).SelectMany(x => x.Citations).Select(c => c.ReferenceId).ToList();
            var shortcodes = Regex.Matches(page, @"\{\{< cite ""([^""]+)"" >\}\}").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(cited, shortcodes);
            Assert.DoesNotContain("[@", page);

            Assert.Equal(t.Algorithm is not null, File.Exists(tmp.Combine("hugo", "content", "topics", t.Id, "chart.svg")));
            if (t.Algorithm is not null) Assert.Contains("{{< chart >}}", page);
            Assert.Equal(t.Review.History.Count, front.GetProperty("history").GetArrayLength());

            // The text-only site and the handout HTML are still written.
            Assert.True(File.Exists(tmp.Combine("hugo-text", "content", "topics", t.Id + ".md")));
            Assert.True(File.Exists(tmp.Combine("handouts", t.Id + ".html")));
        }
        foreach (var layout in new[] { "_default/baseof.html", "_default/single.html", "_default/list.html", "_default/index.json", "shortcodes/cite.html", "shortcodes/chart.html", "shortcodes/badges.html" })
            Assert.True(File.Exists(tmp.Combine("hugo", "layouts", layout)), layout);
    }
}
