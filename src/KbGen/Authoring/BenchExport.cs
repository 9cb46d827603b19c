using System.Net;
using System.Text;
using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Model;
using KbGen.References.Styles;
using KbGen.Rendering;

namespace KbGen.Authoring;

/// <summary>For benchmarks only (`kbgen dev export-hugo CONTENT OUT`): the same knowledge base as
/// (1) a Hugo site whose topic pages show what KbGen's show (hugo/, see <see cref="HugoBenchSite"/>),
/// (2) the text-only Hugo site first used (hugo-text/: one Markdown page per topic carrying its
/// text, one single-page layout and one list layout), and (3) each topic's patient handout as one
/// self-contained HTML file (handouts/&lt;id&gt;.html) for a browser to print to PDF.</summary>
public static class BenchExport
{
    public static int Write(string contentDir, string outDir)
    {
        var diagnostics = new DiagnosticBag();
        var kb = ContentLoader.Load(contentDir, diagnostics) ?? throw new InvalidOperationException("content could not be loaded");
        var text = Path.Combine(outDir, "hugo-text");
        Directory.CreateDirectory(Path.Combine(text, "content", "topics"));
        Directory.CreateDirectory(Path.Combine(text, "layouts", "_default"));
        Directory.CreateDirectory(Path.Combine(outDir, "handouts"));
        File.WriteAllText(Path.Combine(text, "hugo.toml"), $"baseURL = \"{kb.Settings.BaseUrl}\"\ntitle = \"{kb.Settings.Title}\"\ndisableKinds = [\"taxonomy\", \"term\"]\n");
        File.WriteAllText(Path.Combine(text, "layouts", "_default", "single.html"), """
            <!DOCTYPE html>
            <html lang="{{ site.LanguageCode | default "en" }}"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
            <meta name="description" content="{{ .Params.question }}"><link rel="stylesheet" href="{{ "site.css" | relURL }}"></head>
            <body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
            <main><article><h1>{{ .Title }}</h1><p class="question">{{ .Params.question }}</p>
            <ul class="tags">{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul>
            {{ .Content }}</article></main><footer>{{ site.Title }}</footer></body></html>
            """);
        File.WriteAllText(Path.Combine(text, "layouts", "_default", "list.html"), """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
            <body><main><h1>{{ site.Title }}</h1><ul>{{ range site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.question }}</li>{{ end }}</ul></main></body></html>
            """);
        HugoBenchSite.WriteEquivalent(kb, Path.Combine(outDir, "hugo"), Path.Combine(Rendering.Html.TemplateSet.LocateBuiltIn(), "assets"));
        var count = 0;
        Parallel.ForEach(kb.Topics, t =>
        {
            var numbering = new CitationNumbering(t, kb.FindReference);
            File.WriteAllText(Path.Combine(text, "content", "topics", t.Id + ".md"), Markdown(kb, t, numbering));
            File.WriteAllText(Path.Combine(outDir, "handouts", t.Id + ".html"), PatientHtml(kb, t));
            Interlocked.Increment(ref count);
        });
        return count;
    }

    private static string Markdown(KnowledgeBase kb, Topic t, CitationNumbering numbering)
    {
        var sb = new StringBuilder();
        sb.Append("---\ntitle: ").Append(Quote(t.Title)).Append("\nquestion: ").Append(Quote(t.Question))
          .Append("\ntags: [").Append(string.Join(", ", t.Tags.Select(Quote))).Append("]\ndate: ").Append(t.Updated.ToString("yyyy-MM-dd")).Append("\n---\n\n");
        sb.Append("**Bottom line.** ").Append(t.Summary.Source.Trim()).Append("\n\n");
        Audience(sb, "For clinicians", t.Clinician);
        Audience(sb, "For patients", t.Patient);
        if (t.Algorithm is { } a)
        {
            sb.Append("## ").Append(a.Title).Append("\n\n");
            foreach (var n in a.Nodes) sb.Append("1. ").Append(n.Text.Source.Trim().ReplaceLineEndings(" ")).Append('\n');
            sb.Append('\n');
        }
        Claims(sb, "## Pitfalls", t.Pitfalls);
        sb.Append("## References\n\n");
        foreach (var r in numbering.References) sb.Append("1. ").Append(CitationStyles.Format(r, kb.Settings.CitationStyle).PlainText).Append('\n');
        return sb.ToString();
    }

    private static void Audience(StringBuilder sb, string heading, AudienceText a)
    {
        if (a.Summary is null && a.Sections.Count == 0) return;
        sb.Append("## ").Append(heading).Append("\n\n");
        if (a.Summary is { } s) sb.Append(s.Source.Trim()).Append("\n\n");
        foreach (var section in a.Sections) Claims(sb, "### " + section.Title, section.Items, always: true);
        Claims(sb, "### Red flags", a.RedFlags);
    }

    /// <summary>A heading and its claims as a Markdown list (skipped when empty unless <paramref name="always"/>).</summary>
    private static void Claims(StringBuilder sb, string heading, IReadOnlyList<Claim> claims, bool always = false)
    {
        if (claims.Count == 0 && !always) return;
        sb.Append(heading).Append("\n\n");
        foreach (var c in claims) sb.Append("- ").Append(c.Text.Source.Trim().ReplaceLineEndings(" ")).Append('\n');
        sb.Append('\n');
    }

    private static string PatientHtml(KnowledgeBase kb, Topic t)
    {
        string Md(string s) => Markdig.Markdown.ToHtml(s);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(t.Title)).Append("</title><style>")
          .Append("@page{size:A4;margin:18mm} body{font-family:'DejaVu Sans',sans-serif;font-size:11pt;line-height:1.4} h1{font-size:18pt} h2{font-size:13pt;margin-top:1.2em} .flags{border:2px solid #b00;padding:6px 12px} footer{font-size:8pt;color:#555;margin-top:2em}")
          .Append("</style></head><body><h1>").Append(WebUtility.HtmlEncode(t.Title)).Append("</h1>");
        if (t.Patient.Summary is { } s) sb.Append(Md(s.Source));
        foreach (var section in t.Patient.Sections)
        {
            sb.Append("<h2>").Append(WebUtility.HtmlEncode(section.Title)).Append("</h2><ul>");
            foreach (var c in section.Items) sb.Append("<li>").Append(Md(c.Text.Source)).Append("</li>");
            sb.Append("</ul>");
        }
        if (t.Patient.RedFlags.Count > 0)
        {
            sb.Append("<div class=\"flags\"><h2>Get help now if</h2><ul>");
            foreach (var c in t.Patient.RedFlags) sb.Append("<li>").Append(Md(c.Text.Source)).Append("</li>");
            sb.Append("</ul></div>");
        }
        var disclaimer = kb.Pages.FirstOrDefault(p => p.Name == "disclaimer");
        sb.Append("<footer>").Append(disclaimer is null ? "" : Md(disclaimer.Body.Source)).Append(WebUtility.HtmlEncode(kb.Settings.BaseUrl + "topics/" + t.Id + "/")).Append("</footer></body></html>");
        return sb.ToString();
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
