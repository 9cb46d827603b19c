using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using KbGen.Building;
using KbGen.Model;
using KbGen.References.Styles;
using KbGen.Rendering;
using KbGen.Rendering.Html;

namespace KbGen.Authoring;

/// <summary>For benchmarks only: a knowledge base as a Hugo site, in two forms.
///
/// <b>hugo/</b>, the equivalent site: each topic page shows what KbGen's topic page shows, and
/// Hugo does the work a Hugo site would do to show it. Citations are shortcodes that Hugo numbers
/// from the page's list of cited references; the reference list, review box, review history and
/// disclaimer come from front matter and data files through the layout; claims keep their nesting
/// and badges (a shortcode); the algorithm's steps are a Markdown list. What Hugo cannot compute
/// it is given ready-made, which only favours Hugo: each reference's formatted text (data) and
/// the algorithm chart's SVG (a file in the page bundle, inlined by a shortcode), both of which
/// KbGen works out during its own build. The home page also writes a JSON search index, as
/// KbGen's does.
///
/// <b>hugo-text/</b>, the text-only site this benchmark used first: one page per topic with its
/// text as plain Markdown (top-level claims only, citations left as written, references as a
/// plain list), no chart, and a minimal layout. It is kept to show how much of the difference
/// is Hugo doing less.</summary>
internal static partial class HugoBenchSite
{
    public static void WriteEquivalent(KnowledgeBase kb, string site, string assetsDir)
    {
        foreach (var d in new[] { "content/topics", "layouts/_default", "layouts/shortcodes", "data", "static/assets" })
            Directory.CreateDirectory(Path.Combine(site, d));
        File.WriteAllText(Path.Combine(site, "hugo.toml"), $"""
            baseURL = "{kb.Settings.BaseUrl}"
            title = {Json(kb.Settings.Title)}
            languageCode = "en"
            disableKinds = ["taxonomy", "term"]
            [outputs]
            home = ["HTML", "RSS", "JSON"]
            [params]
            publisher = {Json(kb.Settings.Publisher)}

            """);
        foreach (var asset in new[] { "site.css", "site.js" })
            if (File.Exists(Path.Combine(assetsDir, asset))) File.Copy(Path.Combine(assetsDir, asset), Path.Combine(site, "static", "assets", asset), overwrite: true);
        foreach (var (path, text) in Layouts) File.WriteAllText(Path.Combine(site, path), text);

        // Data: each cited reference's formatted HTML, and the disclaimer.
        var style = kb.Settings.CitationStyle;
        var refs = kb.References.ToDictionary(r => r.Id, r => new { html = ReferenceHtml.Format(r, style) }, StringComparer.Ordinal);
        File.WriteAllText(Path.Combine(site, "data", "references.json"), JsonSerializer.Serialize(refs));
        var disclaimer = kb.Pages.FirstOrDefault(p => p.Name == "disclaimer");
        File.WriteAllText(Path.Combine(site, "data", "disclaimer.json"), JsonSerializer.Serialize(new { html = disclaimer is null ? "" : HtmlMarkdown.Block(disclaimer.Body, null) }));

        using var charts = new ChartStage(kb, ["a4"]);
        Parallel.ForEach(kb.Topics, t =>
        {
            var numbering = new CitationNumbering(t, kb.FindReference);
            var bundle = Path.Combine(site, "content", "topics", t.Id);
            Directory.CreateDirectory(bundle);
            var chart = charts.Html(t, numbering);
            if (chart is { } c) File.WriteAllText(Path.Combine(bundle, "chart.svg"), c.Svg);
            File.WriteAllText(Path.Combine(bundle, "index.md"), Page(t, numbering, hasChart: chart is not null));
        });
    }

    private static string Page(Topic t, CitationNumbering numbering, bool hasChart)
    {
        var approval = t.Review.LastApproval;
        var front = new Dictionary<string, object?>
        {
            ["title"] = t.Title,
            ["question"] = t.Question,
            ["id"] = t.Id,
            ["tags"] = t.Tags,
            ["date"] = TopicView.Iso(t.Updated),
            ["steps"] = new[] { ReviewStatus.Submitted, ReviewStatus.UnderReview, ReviewStatus.Approved }.Select(s => new
            {
                label = s.Label(),
                done = t.Review.History.Any(h => h.Status == s) && t.Review.Status >= s,
                current = t.Review.Status == s,
            }),
            ["approvedBy"] = approval?.By,
            ["approvedOn"] = approval is null ? null : TopicView.Date(approval.Date),
            ["approvedIso"] = approval is null ? null : TopicView.Iso(approval.Date),
            ["history"] = TopicView.History(t.Review),
            ["refs"] = numbering.References.Select(r => r.Id),
            ["hasPatient"] = t.Patient.Sections.Count > 0 || t.Patient.Summary is not null,
            // The chart SVG is inlined, not also published as a file (KbGen writes no such file).
            ["_build"] = new { publishResources = false },
        };
        // JSON front matter: Hugo reads it as it reads YAML or TOML.
        var sb = new StringBuilder(JsonSerializer.Serialize(front)).Append("\n\n");
        sb.Append("## For healthcare professionals {#clinician}\n\n### Bottom line\n\n").Append(Md(t.Summary)).Append("\n\n");
        Audience(sb, t.Clinician, "Red flags: act urgently");
        if (t.Algorithm is { } a)
        {
            sb.Append("### ").Append(a.Title).Append("\n\n");
            if (hasChart) sb.Append("{{< chart >}}\n\n");
            foreach (var group in AlgorithmOrder.Groups(a))
            {
                sb.Append("#### ").Append(group.Caption).Append("\n\n");
                foreach (var n in group.Nodes) sb.Append("1. ").Append(Md(n.Text)).Append('\n');
                sb.Append('\n');
            }
        }
        if (t.Pitfalls.Count > 0)
        {
            sb.Append("### Pitfalls to avoid\n\n");
            Claims(sb, t.Pitfalls, "");
            sb.Append('\n');
        }
        if (t.Patient.Sections.Count > 0 || t.Patient.Summary is not null)
        {
            sb.Append("## For patients and caregivers {#patient}\n\n");
            if (t.Patient.Summary is { } s) sb.Append(Md(s)).Append("\n\n");
            Audience(sb, t.Patient, "When to get help urgently");
        }
        return sb.ToString();
    }

    private static void Audience(StringBuilder sb, AudienceText a, string redFlags)
    {
        foreach (var section in a.Sections)
        {
            sb.Append("### ").Append(section.Title).Append("\n\n");
            Claims(sb, section.Items, "");
            sb.Append('\n');
        }
        if (a.RedFlags.Count > 0)
        {
            sb.Append("### ").Append(redFlags).Append("\n\n");
            Claims(sb, a.RedFlags, "");
            sb.Append('\n');
        }
    }

    private static void Claims(StringBuilder sb, IReadOnlyList<Claim> claims, string indent)
    {
        foreach (var c in claims)
        {
            sb.Append(indent).Append("- ").Append(Md(c.Text));
            if (c.Strength is not null || c.Certainty is not null)
            {
                sb.Append(" {{< badges");
                if (c.Strength is { } st) sb.Append(" strength=\"").Append(st).Append('"');
                if (c.Certainty is { } ce) sb.Append(" certainty=\"").Append(ce).Append('"');
                sb.Append(" >}}");
            }
            sb.Append('\n');
            Claims(sb, c.Items, indent + "    ");
        }
    }

    /// <summary>A field's Markdown on one line, each citation group a shortcode per reference.</summary>
    private static string Md(MarkdownText text) =>
        CitationGroup().Replace(text.Source.Trim().ReplaceLineEndings(" "), m => string.Concat(
            m.Groups[1].Value.Split(';').Select(id => $"{{{{< cite \"{id.Trim().TrimStart('@')}\" >}}}}")));

    [GeneratedRegex(@"\[(@[^\]]+)\]")]
    private static partial Regex CitationGroup();

    private static string Json(string s) => JsonSerializer.Serialize(s);

    // The layouts mirror templates/layout.hbs (baseof.html) and templates/topic.hbs (single.html):
    // the same markup, so that both tools write pages of the same size.
    private static readonly (string Path, string Text)[] Layouts =
    [
        ("layouts/_default/baseof.html", """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'">
            <meta name="referrer" content="no-referrer">
            <title>{{ .Title }} · {{ site.Title }}</title>
            <meta name="description" content="{{ .Params.question }}">
            <link rel="canonical" href="{{ .Permalink }}">
            <link rel="stylesheet" href="{{ "assets/site.css" | relURL }}">
            <link rel="alternate" type="application/rss+xml" title="Topics" href="{{ "index.xml" | relURL }}">
            <script src="{{ "assets/site.js" | relURL }}" defer></script>
            </head>
            <body>
            <a class="skip" href="#main">Skip to content</a>
            <header class="site-header">
            <div class="wrap">
            <a class="brand" href="{{ "" | relURL }}">{{ site.Title }}</a>
            <nav aria-label="Site">
            <ul>
            <li><a href="{{ "" | relURL }}">Topics</a></li>
            <li><a href="{{ "references/" | relURL }}">References</a></li>
            <li><a href="{{ "whats-new/" | relURL }}">What's new</a></li>
            </ul>
            </nav>
            </div>
            </header>
            <main id="main" class="wrap">
            {{ block "main" . }}{{ end }}</main>
            <footer class="site-footer">
            <div class="wrap">
            <p>{{ site.Params.publisher }} · {{ site.Title }}</p>
            <p>For education. Not a substitute for advice from your own clinician. In an emergency, call your local emergency number.</p>
            </div>
            </footer>
            </body>
            </html>

            """),
        ("layouts/_default/single.html", """
            {{ define "main" }}<article class="topic" data-topic="{{ .Params.id }}">
            <header class="topic-header">
            <h1>{{ .Params.question }}</h1>
            <p class="topic-title">{{ .Title }}</p>
            <div class="review-box">
            <ol class="review-steps" aria-label="Review status">
            {{ range .Params.steps }}<li class="{{ if .done }}done{{ end }}{{ if .current }} current{{ end }}"{{ if .current }} aria-current="step"{{ end }}>{{ .label }}<span class="visually-hidden">{{ if .done }} (done){{ else }} (not yet){{ end }}</span></li>
            {{ end }}</ol>
            <p class="meta">{{ with .Params.approvedBy }}Approved by {{ . }} on <time datetime="{{ $.Params.approvedIso }}">{{ $.Params.approvedOn }}</time>. {{ end }}Last updated: <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "January 2, 2006" }}</time></p>
            </div>
            </header>
            <fieldset class="audience-switch" hidden>
            <legend>Which best describes you?</legend>
            <p class="hint">Your choice helps us use language that is easiest for you to understand.</p>
            <label><input type="radio" name="audience" value="clinician" checked> Healthcare professional</label>
            <label><input type="radio" name="audience" value="patient"> Patient or caregiver</label>
            </fieldset>
            <nav class="layer-links" aria-label="Versions of this topic"><a href="#clinician">Professional version</a> · {{ if .Params.hasPatient }}<a href="#patient">Patient version</a> · {{ end }}<a href="#references">References</a></nav>
            {{ .Content }}
            <section id="references" class="references" aria-labelledby="references-heading">
            <h2 id="references-heading">References</h2>
            <ol class="reference-list">
            {{ range .Params.refs }}<li id="ref-{{ . }}">{{ (index site.Data.references .).html | safeHTML }}</li>
            {{ end }}</ol>
            </section>
            <section class="review-history" aria-labelledby="history-heading">
            <h2 id="history-heading">Review history</h2>
            <table>
            <thead><tr><th scope="col">Date</th><th scope="col">Status</th><th scope="col">By</th><th scope="col">Note</th></tr></thead>
            <tbody>
            {{ range .Params.history }}<tr><td><time datetime="{{ .iso }}">{{ .date }}</time></td><td>{{ .label }}</td><td>{{ .by }}</td><td>{{ .note }}</td></tr>
            {{ end }}</tbody>
            </table>
            </section>
            {{ with site.Data.disclaimer.html }}<aside class="disclaimer" aria-label="Disclaimer">{{ . | safeHTML }}</aside>
            {{ end }}</article>
            {{ end }}
            """),
        ("layouts/_default/list.html", """
            {{ define "main" }}<h1>{{ site.Title }}</h1>
            <ul class="topic-list">
            {{ range site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Params.question }}</a> <span class="topic-title">{{ .Title }}</span></li>
            {{ end }}</ul>
            {{ end }}
            """),
        ("layouts/_default/index.json", """
            {{- $entries := slice -}}
            {{- range site.RegularPages -}}
            {{- $entries = $entries | append (dict "title" .Title "question" .Params.question "href" .RelPermalink "text" .Plain) -}}
            {{- end -}}
            {{- $entries | jsonify -}}

            """),
        ("layouts/shortcodes/cite.html", """
            {{- $id := .Get 0 -}}{{- range $i, $r := .Page.Params.refs -}}{{- if eq $r $id -}}<sup class="cite"><a href="#ref-{{ $id }}">{{ add $i 1 }}</a></sup>{{- end -}}{{- end -}}
            """),
        ("layouts/shortcodes/badges.html", """
            <span class="badges">{{ with .Get "strength" }}<span class="badge badge-strength badge-{{ . }}">Recommendation: {{ . }}</span>{{ end }}{{ with .Get "certainty" }}<span class="badge badge-certainty badge-{{ . }}">Certainty: {{ replace . "-" " " }}</span>{{ end }}</span>
            """),
        ("layouts/shortcodes/chart.html", """
            <figure class="chart">{{ with .Page.Resources.Get "chart.svg" }}{{ .Content | safeHTML }}{{ end }}</figure>
            """),
    ];
}
