using System.Text.RegularExpressions;
using System.Xml.Linq;
using KbGen.Loading;
using KbGen.Loading.Markdown;
using KbGen.Tests.Handouts;
using KbGen.Tests.Pdf;
using KbGen.Tests.Support;
using KbGen.Validation;

namespace KbGen.Tests.Chart;

/// <summary>The sample topic's chart as the build writes it: one landscape PDF page with every
/// node's text, fonts embedded, and the same chart inline on the topic page as SVG.</summary>
public sealed class SampleChartBuildTests(SampleBuildFixture build) : IClassFixture<SampleBuildFixture>
{
    private const string TopicId = "lumbar-compression-fracture-pain";
    private static readonly Model.Topic Topic = KbLoad.LoadAndValidate(RepoRoot.SampleContent, new ValidationContext(new DateOnly(2026, 1, 15)))
        .KnowledgeBase!.Topics.Single(t => t.Id == TopicId);

    private string ChartPdf => Path.Combine(build.Output, "charts", $"{TopicId}-algorithm.pdf");

    [Fact]
    public void Poster_is_one_landscape_page_with_fonts_embedded()
    {
        Assert.True(build.Report.Succeeded, string.Join("\n", build.Report.Diagnostics));
        var info = PdfTools.Run("pdfinfo", ChartPdf).Output;
        Assert.Matches(@"Pages:\s+1\b", info);
        var size = Regex.Match(info, @"Page size:\s+([\d.]+) x ([\d.]+)");
        Assert.True(double.Parse(size.Groups[1].Value) > double.Parse(size.Groups[2].Value), info);
        var fonts = PdfTools.Run("pdffonts", ChartPdf).Output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, l => Assert.Matches(@"\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$", l));
        Assert.Equal(0, PdfTools.Run("qpdf", "--check", ChartPdf).ExitCode);
        // Vector throughout: pdfimages lists its two header lines and no image.
        var images = PdfTools.Run("pdfimages", "-list", ChartPdf).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("page", images[0].Trim());
        Assert.Equal(2, images.Length);
    }

    [Fact]
    public void Poster_prints_every_node_the_question_and_the_references()
    {
        var text = Regex.Replace(PdfTools.Run("pdftotext", ChartPdf, "-").Output, @"\s+", " ");
        foreach (var node in Topic.Algorithm!.Nodes)
        {
            var words = Regex.Replace(PlainText.Of(node.Text.Source), @"\s+", " ");
            // Node text wraps inside its box: compare word by word, in order.
            var at = 0;
            foreach (var w in words.Split(' '))
            {
                var i = text.IndexOf(w, at, StringComparison.Ordinal);
                Assert.True(i >= 0, $"node '{node.Id}': '{w}' of \"{words}\" not found in the poster");
                at = i + w.Length;
            }
        }
        Assert.Contains("What is the recommended pain management regimen", text);
        Assert.Contains("Francis RM", text);
        // The disclaimer's headings end like sentences, not running into the next one.
        Assert.Contains("For patients. Talk to your own care team", text);
    }

    [Fact]
    public void Topic_page_inlines_the_chart_as_svg_with_one_shape_per_node()
    {
        var html = File.ReadAllText(Path.Combine(build.Output, "site", "topics", TopicId, "index.html"));
        var svg = Regex.Match(html, "<svg.*?</svg>", RegexOptions.Singleline).Value;
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var shapes = doc.Descendants().Where(e => (string?)e.Attribute("data-node-id") is not null && ((string?)e.Attribute("class"))?.Contains("node ") == true).ToList();
        Assert.Equal(Topic.Algorithm!.Nodes.Select(n => n.Id).Order(), shapes.Select(s => (string)s.Attribute("data-node-id")!).Order());
        Assert.NotNull(doc.Root!.Element(ns + "title"));
        Assert.NotNull(doc.Root!.Element(ns + "desc"));
        Assert.DoesNotContain(doc.Descendants(), e => e.Attribute("style") is not null);
    }
}
