using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using KbGen.Publishing;

namespace KbGen.Tests.Hardening;

/// <summary>Every generated HTML page of the hostile build, parsed as a browser would: the only
/// scripts are our two external ones, no element has an event-handler attribute, every URL is
/// http, https, mailto or relative, the payloads show as text, and every page carries the
/// Content-Security-Policy and referrer metas.</summary>
public sealed class HostileHtmlTests(HostileBuildFixture build) : IClassFixture<HostileBuildFixture>
{
    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background", "cite", "ping"];

    private IEnumerable<(HostileBuildFixture.Build Build, string Rel, IDocument Doc)> Pages()
    {
        var parser = new HtmlParser();
        foreach (var (b, path) in build.Files("*.html"))
            yield return (b, Path.GetRelativePath(build.OutputOf(b), path), parser.ParseDocument(File.ReadAllText(path)));
    }

    [Fact]
    public void Both_channels_render_the_hostile_topic()
    {
        foreach (var c in HostileBuildFixture.Builds)
        {
            Assert.True(Directory.EnumerateFiles(build.SiteOf(c), "*.html", SearchOption.AllDirectories).Any(f => f.Contains("hostile")),
                $"{c}: no page of the hostile topic");
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(build.OutputOf(c), "pdf"), "*.pdf", SearchOption.AllDirectories));
        }
    }

    [Fact]
    public void No_script_but_ours_no_handlers_no_foreign_schemes()
    {
        var problems = new List<string>();
        var count = 0;
        foreach (var (b, rel, doc) in Pages())
        {
            count++;
            var where = $"{b} {rel}";
            foreach (var s in doc.QuerySelectorAll("script"))
            {
                var src = s.GetAttribute("src");
                if (src is null || !(src.EndsWith("assets/site.js", StringComparison.Ordinal) || src.EndsWith("assets/search-index.js", StringComparison.Ordinal))
                    || s.TextContent.Trim().Length > 0)
                    problems.Add($"{where}: script {s.OuterHtml[..Math.Min(120, s.OuterHtml.Length)]}");
            }
            foreach (var e in doc.All)
            {
                foreach (var a in e.Attributes)
                {
                    if (a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                        problems.Add($"{where}: <{e.LocalName} {a.Name}=\"{Short(a.Value)}\">");
                    if (UrlAttributes.Contains(a.Name, StringComparer.OrdinalIgnoreCase) && !SafeUrl(a.Value))
                        problems.Add($"{where}: <{e.LocalName} {a.Name}=\"{Short(a.Value)}\">");
                    if (a.Name.Equals("style", StringComparison.OrdinalIgnoreCase) || a.Name.Equals("srcdoc", StringComparison.OrdinalIgnoreCase))
                        problems.Add($"{where}: <{e.LocalName} {a.Name}>");
                }
                if (e.LocalName is "iframe" or "object" or "embed" or "base" or "form" or "style" or "img" && e.LocalName != "img")
                    problems.Add($"{where}: <{e.LocalName}> element");
                if (e.LocalName == "meta" && e.GetAttribute("http-equiv")?.Equals("refresh", StringComparison.OrdinalIgnoreCase) == true)
                    problems.Add($"{where}: meta refresh");
            }
            // In-body SVG (the chart) must not carry script or foreignObject either.
            foreach (var e in doc.QuerySelectorAll("svg script, svg foreignObject, svg set, svg animate"))
                problems.Add($"{where}: <{e.LocalName}> in SVG");
        }
        Assert.True(count >= 8, $"only {count} pages");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(60)));
    }

    [Fact]
    public void Every_page_has_CSP_and_referrer_meta()
    {
        foreach (var (b, rel, doc) in Pages())
        {
            var where = $"{b} {rel}";
            var csps = doc.QuerySelectorAll("head meta[http-equiv]").Where(m => m.GetAttribute("http-equiv")!.Equals("Content-Security-Policy", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(csps.Count == 1, $"{where}: {csps.Count} CSP metas in <head>");
            var policy = csps[0].GetAttribute("content") ?? "";
            var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray());
            Assert.True(directives.TryGetValue("default-src", out var def) && def.SequenceEqual(["'self'"]), $"{where}: default-src in '{policy}'");
            var script = directives.GetValueOrDefault("script-src") ?? def!;
            Assert.DoesNotContain("'unsafe-inline'", script);
            Assert.DoesNotContain("'unsafe-eval'", script);
            Assert.DoesNotContain(script, s => s is "*" or "data:" or "http:" or "https:");
            // The CSP meta must come before anything it governs (a meta after a script does not cover it).
            var first = doc.Head!.Children.First(c => c.LocalName is "script" or "link" or "style" or "meta" && c != doc.Head.Children.First(x => x.LocalName == "meta" && x.HasAttribute("charset")));
            Assert.True(first == csps[0] || first.LocalName == "meta" && first.GetAttribute("http-equiv") is null, $"{where}: CSP meta comes after <{first.LocalName}>");
            var referrer = doc.QuerySelectorAll("head meta[name=referrer]").ToList();
            Assert.True(referrer.Count == 1, $"{where}: {referrer.Count} referrer metas");
            Assert.Contains(referrer[0].GetAttribute("content"), new[] { "no-referrer", "strict-origin", "same-origin", "strict-origin-when-cross-origin" });
        }
    }

    /// <summary>Every text payload appears, as text, on the topic page of its group (preview
    /// channel), in the &lt;title&gt; where it was in the topic title, and in the Markdown page.</summary>
    [Fact]
    public void Payloads_show_as_literal_text()
    {
        var problems = new List<string>();
        for (var g = 0; g < HostileContent.Groups; g++)
        {
            var b = new HostileBuildFixture.Build(g, Channel.Preview);
            var topic = Pages().Single(p => p.Build == b && p.Rel.Replace('\\', '/').Contains("topics/hostile") && !p.Rel.Contains("revision")).Doc;
            var page = Pages().First(p => p.Build == b && p.Rel.Contains("about")).Doc;
            var text = topic.Body!.TextContent;
            foreach (var (p, i) in HostileContent.Payloads.Select((p, i) => (p, i)).Where(x => x.i % HostileContent.Groups == g))
            {
                if (p.Class == "control" || p.Name.StartsWith("long-", StringComparison.Ordinal)) continue;
                // Markdown fields accept text payloads; plain fields (the title, section titles) take every non-control one.
                var shown = Norm(p.Text);
                if (!Norm(text).Contains(shown)) problems.Add($"{p.Name}: not in the body text of {b}");
                if (!Norm(topic.Title ?? "").Contains(shown)) problems.Add($"{p.Name}: not in <title> of {b}");
                // Markdown may rewrite some (backslash escapes, code spans, entities); these it must leave alone.
                if ((p.Name.StartsWith("hbs-", StringComparison.Ordinal) || p.Name.StartsWith("attr-breakout-", StringComparison.Ordinal) || p.Name is "bare-js" or "xml-specials") && !Norm(page.Body!.TextContent).Contains(shown))
                    problems.Add($"{p.Name}: not in the Markdown page of {b}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static string Norm(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static bool SafeUrl(string value)
    {
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
        {
            var v = new string(part.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
            var colon = v.IndexOf(':');
            var slash = v.IndexOfAny(['/', '?', '#']);
            if (colon < 0 || (slash >= 0 && slash < colon)) continue; // relative
            var scheme = v[..colon].ToLowerInvariant();
            if (scheme is not ("http" or "https" or "mailto")) return false;
        }
        return true;
    }

    private static string Short(string s) => s.Length > 80 ? s[..80] + "…" : s;
}
