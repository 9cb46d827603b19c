using System.Net;
using System.Text;
using KbGen.Loading.Markdown;
using KbGen.Model;
using KbGen.References.Styles;

namespace KbGen.Rendering.Html;

/// <summary>A formatted reference as HTML: the style's segments, escaped, italic where the style
/// says, DOI and PubMed links where the reference has them.</summary>
public static class ReferenceHtml
{
    // A reference is cited by many topics and formatted the same on each page; references are
    // immutable, so the HTML is kept with the instance (keyed by identity, dropped with it).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Reference, Formatted> Cache = new();

    private sealed record Formatted(string Style, string Html);

    public static string Format(Reference r, string style)
    {
        if (Cache.TryGetValue(r, out var known) && known.Style == style) return known.Html;
        var html = FormatUncached(r, style);
        Cache.AddOrUpdate(r, new Formatted(style, html));
        return html;
    }

    private static string FormatUncached(Reference r, string style)
    {
        var f = CitationStyles.Format(r, style);
        var sb = new StringBuilder();
        foreach (var s in f.Segments)
        {
            var text = WebUtility.HtmlEncode(s.Text);
            if (s.Italic) text = "<i>" + text + "</i>";
            if (s.Link is { } url && LinkRules.IsAllowed(url))
                text = $"<a href=\"{WebUtility.HtmlEncode(url)}\" rel=\"noopener noreferrer\">{text}</a>";
            sb.Append(text);
        }
        var links = new List<string>();
        if (r.Doi is { } doi && !f.Segments.Any(s => s.Link?.Contains("doi.org") == true))
            links.Add($"<a href=\"https://doi.org/{WebUtility.HtmlEncode(Uri.EscapeDataString(doi).Replace("%2F", "/"))}\" rel=\"noopener noreferrer\">DOI</a>");
        if (r.Pmid is { } pmid && !f.Segments.Any(s => s.Link?.Contains("pubmed") == true))
            links.Add($"<a href=\"https://pubmed.ncbi.nlm.nih.gov/{pmid}/\" rel=\"noopener noreferrer\">PubMed</a>");
        if (links.Count > 0) sb.Append(" <span class=\"ref-links\">").Append(string.Join(" · ", links)).Append("</span>");
        return sb.ToString();
    }
}
