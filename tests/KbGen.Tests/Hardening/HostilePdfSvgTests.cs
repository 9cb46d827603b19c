using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using KbGen.Tests.Pdf;
using Xunit.Abstractions;

namespace KbGen.Tests.Hardening;

/// <summary>The handouts and the inline algorithm charts of the hostile builds (handouts on,
/// posters off): every PDF passes `qpdf --check` and shows the payloads of its group as plain text;
/// every topic page's &lt;svg&gt; is well-formed XML with no script, foreignObject or event handler.</summary>
public sealed class HostilePdfSvgTests(HostileBuildFixture build, ITestOutputHelper log) : IClassFixture<HostileBuildFixture>
{
    private static string Norm(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>What of group <paramref name="g"/> a handout can show as text: no control
    /// payloads (rejected), no long ones (not in the groups).</summary>
    private static List<Payload> Shown(int g) => HostileContent.Payloads
        .Where((p, i) => i % HostileContent.Groups == g && p.Class != "control" && !p.Name.StartsWith("long-", StringComparison.Ordinal)).ToList();

    [Fact]
    public void Handouts_pass_qpdf_and_show_payloads_as_text()
    {
        var problems = new List<string>();
        var pdfs = build.Files("*.pdf").ToList();
        Assert.True(pdfs.Count >= 2 * HostileBuildFixture.Builds.Count(), $"only {pdfs.Count} PDFs");
        Parallel.ForEach(pdfs, new ParallelOptions { MaxDegreeOfParallelism = 4 }, item =>
        {
            var (b, path) = item;
            var where = $"{b} {Path.GetFileName(path)}";
            var (qpdf, qpdfOut) = PdfTools.Run("qpdf", "--check", path);
            if (qpdf != 0) lock (problems) problems.Add($"{where}: qpdf --check exit {qpdf}: {qpdfOut.Trim()}");
            var (code, text) = PdfTools.Run("pdftotext", "-enc", "UTF-8", path, "-");
            if (code != 0) { lock (problems) problems.Add($"{where}: pdftotext exit {code}"); return; }
            var flat = Norm(text);
            var found = Shown(b.Group).Where(p => flat.Contains(Norm(p.Text), StringComparison.Ordinal)).Select(p => p.Name).ToList();
            // Every one, bar the emoji line: DejaVu Sans has no glyphs for astral emoji, so that one
            // payload cannot come back whole from the PDF.
            var missing = Shown(b.Group).Where(p => !found.Contains(p.Name) && p.Name != "emoji-astral").Select(p => p.Name).ToList();
            lock (problems)
            {
                if (found.Count == 0) problems.Add($"{where}: no payload of group {b.Group} in the text");
                if (missing.Count > 0) problems.Add($"{where}: not in the text: {string.Join(", ", missing)}");
                log.WriteLine($"{where}: {found.Count}/{Shown(b.Group).Count} payloads as text ({string.Join(", ", found)})");
            }
        });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Topic_page_charts_are_well_formed_SVG_without_script_or_handlers()
    {
        var problems = new List<string>();
        var charts = 0;
        foreach (var (b, path) in build.Files("*.html").Where(f => f.Path.Replace('\\', '/').Contains("/site/topics/")))
        {
            var where = $"{b} {Path.GetRelativePath(build.OutputOf(b), path)}";
            var html = File.ReadAllText(path);
            foreach (Match m in Regex.Matches(html, @"<svg\b.*?</svg>", RegexOptions.Singleline))
            {
                charts++;
                XDocument svg;
                try { svg = XDocument.Parse(m.Value, LoadOptions.None); }
                catch (XmlException e) { problems.Add($"{where}: the <svg> is not XML: {e.Message}"); continue; }
                foreach (var e in svg.Descendants())
                {
                    if (e.Name.LocalName is "script" or "foreignObject" or "iframe" or "set" or "animate" or "handler")
                        problems.Add($"{where}: <{e.Name.LocalName}> in the SVG");
                    foreach (var a in e.Attributes())
                    {
                        if (a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                            problems.Add($"{where}: <{e.Name.LocalName} {a.Name.LocalName}=…> in the SVG");
                        if (a.Name.LocalName is "href" && !a.Value.StartsWith('#'))
                            problems.Add($"{where}: <{e.Name.LocalName} {a.Name}=\"{a.Value}\"> in the SVG");
                    }
                }
                // The payloads are in the chart as text, not as markup.
                var text = Norm(string.Concat(svg.Descendants().Where(e => !e.HasElements).Select(e => e.Value + " ")));
                if (!Shown(b.Group).Any(p => text.Contains(Norm(p.Text), StringComparison.Ordinal)))
                    problems.Add($"{where}: no payload of group {b.Group} as text in the SVG");
            }
        }
        Assert.True(charts >= HostileBuildFixture.Builds.Count(), $"only {charts} inline charts in {HostileBuildFixture.Builds.Count()} builds");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(40)));
    }
}
