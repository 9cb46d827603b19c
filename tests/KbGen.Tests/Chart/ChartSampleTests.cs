using KbGen.Rendering.Pdf;
using System.Diagnostics;
using System.Xml.Linq;
using KbGen.Model;
using KbGen.Rendering.Chart;

namespace KbGen.Tests.Chart;

/// <summary>The design's lumbar compression fracture algorithm, drawn for real. Files go to a
/// temp folder (kept for looking at: KBGEN_CHART_OUT overrides it), never into the repo.</summary>
public class ChartSampleTests
{
    private static readonly string OutDir = Environment.GetEnvironmentVariable("KBGEN_CHART_OUT")
        ?? Path.Combine(Path.GetTempPath(), "kbgen-chart-tests");

    private static readonly string[] References =
    [
        "Example Health Editorial Board. Spine care guideline: compression fractures. 2024.",
        "Francis RM, Aspray TJ, Hide G, Sutcliffe AM, Wilkinson P. Back pain in osteoporotic vertebral fractures. Osteoporos Int. 2008;19(7):895-903.",
        "Knopp JA, Diner BM, Blitz M, Lyritis GP, Rowe BH. Calcitonin for treating acute pain of osteoporotic vertebral compression fractures. Osteoporos Int. 2005;16(10):1281-90.",
    ];

    private static ChartLayout Layout(Rendering.Layout.ITextMeasurer? m = null) =>
        ChartLayoutEngine.Compute(ChartSamples.LumbarFracture(), m ?? new PdfTextMeasurer(), ChartSamples.ReferenceNumber);

    private static ChartPdfRequest Request(string paper = "a4") => new()
    {
        TopicId = "lumbar-compression-fracture-pain",
        Title = "Pain management for lumbar compression fractures",
        Question = "What is the recommended pain management regimen for a lumbar compression fracture?",
        Version = "1",
        ApprovedOn = new DateOnly(2025, 10, 9),
        References = References,
        Disclaimer = "For use by health professionals. This chart supports and does not replace clinical judgement.",
        Paper = paper,
    };

    [Fact]
    public void Svg_parses_and_has_one_shape_per_node()
    {
        var layout = Layout();
        var svg = SvgChartPainter.Paint(layout, "lcf");
        Directory.CreateDirectory(OutDir);
        File.WriteAllText(Path.Combine(OutDir, "sample.svg"), svg);

        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var root = doc.Root!;
        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.Equal("lcf-title lcf-desc", (string?)root.Attribute("aria-labelledby"));
        Assert.Equal("100%", (string?)root.Attribute("width"));
        Assert.NotNull(root.Attribute("viewBox"));
        Assert.Equal("Treatment algorithm", root.Element(ns + "title")!.Value);
        Assert.DoesNotContain(doc.Descendants(), e => e.Attribute("style") is not null);
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName == "style");

        var shapes = doc.Descendants().Where(e => e.Attribute("data-node-id") is not null).ToList();
        Assert.Equal(ChartSamples.LumbarFracture().Nodes.Select(n => n.Id).Order(), shapes.Select(s => (string)s.Attribute("data-node-id")!).Order());
        foreach (var s in shapes)
        {
            var kind = (string)s.Attribute("class")!;
            Assert.Matches("^node node-(start|step|decision|end)$", kind);
            Assert.Equal(kind == "node node-decision" ? "polygon" : "rect", s.Name.LocalName);
        }
        // Citations become superscripts: NSAIDs cites references 1 and 2.
        Assert.Contains(doc.Descendants(ns + "tspan"), t => (string?)t.Attribute("baseline-shift") == "super" && t.Value == "1,2");
        Assert.Single(doc.Descendants(ns + "polyline"), p => ((string)p.Attribute("class")!).Contains("edge-back"));
    }

    [Fact]
    public void Svg_escapes_untrusted_text()
    {
        var alg = new Algorithm("<script>alert(1)</script>", [new Phase("p", "A & B \"phase\"", null, SourceSpan.None)], "a",
            [new AlgorithmNode("a\"><x", NodeKind.Start, new MarkdownText("<b>bold</b> & 'q' \u0001", SourceSpan.None), "p", null, [], SourceSpan.None)],
            SourceSpan.None);
        var layout = ChartLayoutEngine.Compute(alg, new FakeMeasurer(), _ => 0);
        var svg = SvgChartPainter.Paint(layout, "x\"y");
        var doc = XDocument.Parse(svg);
        Assert.DoesNotContain("<script", svg);
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName is "script" or "b" or "x");
        Assert.Equal("a\"><x", (string)doc.Descendants().Single(e => e.Attribute("data-node-id") is not null).Attribute("data-node-id")!);
        var html = ChartTextList.ToHtml(layout);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt; &amp;", html);
    }

    [Fact]
    public void Text_list_numbers_steps_by_phase_and_names_where_each_leads()
    {
        var html = ChartTextList.ToHtml(Layout(), "lcf");
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var headings = doc.QuerySelectorAll("h3").Select(h => h.TextContent).ToList();
        Assert.Equal(["Initial assessment", "Acute phase · 0–6 weeks", "Subacute phase · 6 weeks–3 months", "Chronic phase · > 3 months"], headings);
        var items = doc.QuerySelectorAll("li").ToList();
        Assert.Equal(11, items.Count);
        Assert.StartsWith("Suspected lumbar compression fracture", items[0].TextContent);
        var neuro = items.Single(li => li.Id == "lcf-step-neuro").TextContent;
        Assert.Contains("Yes: go to step", neuro);
        Assert.Contains("(Urgent surgical consultation)", neuro);
        Assert.Contains(items, li => li.Id == "lcf-step-nsaids" && li.QuerySelector("sup")!.TextContent == "1,2");
        // Every link points at a step that exists.
        foreach (var a in doc.QuerySelectorAll("a"))
            Assert.NotNull(doc.GetElementById(a.GetAttribute("href")!.TrimStart('#')));
    }

    [Fact]
    public void Pdf_is_one_landscape_page_with_every_node_text()
    {
        var layout = Layout();
        var result = PdfChartPainter.Paint(layout, Request());
        Assert.True(result.Success, result.Error);
        Assert.Equal("a4", result.Paper);
        Assert.True(layout.FontSize * result.Scale >= 8);
        var file = Save(result.Document!, "sample.pdf");

        var info = Run("pdfinfo", file);
        Assert.Matches(@"Pages:\s+1\n", info);
        var size = System.Text.RegularExpressions.Regex.Match(info, @"Page size:\s+([\d.]+) x ([\d.]+) pts");
        Assert.True(double.Parse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            > double.Parse(size.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), info);

        var text = Normalise(Run("pdftotext", file, "-"));
        foreach (var n in layout.Nodes)
            foreach (var line in n.Lines)
                Assert.Contains(Normalise(line.Text), text);
        Assert.Contains("Acute phase 0–6 weeks", text);
        Assert.Contains("What is the recommended pain management regimen", text);
        Assert.Contains("Version 1 · Approved 2025-10-09", text);
        Assert.Contains("Treatment algorithm", text);
        Assert.Contains("Francis RM", text);
        Assert.Contains("does not replace clinical judgement", text);

        // Vector only: no images on the page.
        Assert.DoesNotContain("image", Run("pdfimages", "-list", file).Split('\n').Skip(2).FirstOrDefault() ?? "");
    }

    [Fact]
    public void Pdf_text_is_the_same_on_every_run()
    {
        string Once(string name)
        {
            var doc = PdfChartPainter.Paint(Layout(), Request()).Document!;
            doc.Info.CreationDate = new DateTime(2025, 10, 9, 0, 0, 0, DateTimeKind.Utc);
            doc.Info.ModificationDate = doc.Info.CreationDate;
            return Run("pdftotext", "-layout", Save(doc, name), "-");
        }
        Assert.Equal(Once("det-1.pdf"), Once("det-2.pdf"));
    }

    [Fact]
    public void A_chart_too_big_for_the_paper_moves_to_a_larger_one_or_fails_by_name()
    {
        var big = ChartLayoutEngine.Compute(ChartSamples.Random(60, 3, 7), new PdfTextMeasurer(), ChartSamples.ReferenceNumber);
        var onA4 = PdfChartPainter.Paint(big, Request() with { LargerPapers = [] });
        Assert.False(onA4.Success);
        Assert.Contains("lumbar-compression-fracture-pain", onA4.Error);
        Assert.Contains("8 pt", onA4.Error);

        // Asking for 11 pt text: too small a scale on A4, fine on A3.
        var sample = Layout();
        var moved = PdfChartPainter.Paint(sample, Request() with { MinTextSize = 11, LargerPapers = ["letter", "a3", "tabloid"] });
        Assert.True(moved.Success, moved.Error);
        Assert.Equal("a3", moved.Paper);
        Assert.True(sample.FontSize * moved.Scale >= 11);

        var bad = PdfChartPainter.Paint(sample, Request("b5"));
        Assert.False(bad.Success);
        Assert.Contains("b5", bad.Error);
    }

    private static string Save(PdfSharp.Pdf.PdfDocument doc, string name)
    {
        Directory.CreateDirectory(OutDir);
        var path = Path.Combine(OutDir, name);
        using (var fs = File.Create(path)) doc.Save(fs);
        return path;
    }

    private static string Normalise(string s) => System.Text.RegularExpressions.Regex.Replace(s, @"\s+", " ");

    private static string Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{tool} failed: {p.StandardError.ReadToEnd()}");
        return output;
    }
}
