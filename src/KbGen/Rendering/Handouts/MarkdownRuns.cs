using System.Globalization;
using KbGen.Loading.Markdown;
using KbGen.Model;
using KbGen.Rendering.Layout;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KbGen.Rendering.Handouts;

/// <summary>Markdown inlines to styled runs for the layout engine: bold, italic, links (only
/// allowed schemes), citations as superscript numbers from the topic's numbering.</summary>
public static class MarkdownRuns
{
    public static IReadOnlyList<Run> Of(MarkdownText text, CitationNumbering? numbering) => Of(text.Source, numbering);

    public static IReadOnlyList<Run> Of(string markdown, CitationNumbering? numbering)
    {
        var doc = Markdig.Markdown.Parse(markdown, MarkdownPipelines.Content);
        var runs = new List<Run>();
        var firstBlock = true;
        foreach (var block in doc.Descendants<LeafBlock>())
        {
            if (block.Inline is null) continue;
            if (!firstBlock) runs.Add(new Run(" "));
            firstBlock = false;
            if (block is HeadingBlock)
            {
                // A heading runs into the text after it, bold and ended like a sentence ("For
                // patients. Talk to your care team"), not merged into it as if one sentence.
                var start = runs.Count;
                Walk(block.Inline, FontStyleKind.Bold, null, numbering, runs);
                TrimTrailingSpace(runs);
                if (runs.Count > start && runs[^1].Text is { Length: > 0 } last && !char.IsPunctuation(last[^1]))
                    runs.Add(runs[^1] with { Text = "." });
                continue;
            }
            Walk(block.Inline, FontStyleKind.Regular, null, numbering, runs);
        }
        return Merge(runs);
    }

    private static void Walk(ContainerInline container, FontStyleKind style, string? link, CitationNumbering? numbering, List<Run> runs)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline lit:
                    runs.Add(new Run(lit.Content.ToString(), style) { Link = link });
                    break;
                case CodeInline code:
                    runs.Add(new Run(code.Content, style) { Link = link });
                    break;
                case LineBreakInline:
                    runs.Add(new Run(" ", style));
                    break;
                case HtmlEntityInline ent:
                    runs.Add(new Run(ent.Transcoded.ToString(), style) { Link = link });
                    break;
                case CitationInline cite when numbering is not null:
                {
                    var numbers = cite.Ids.Select(numbering.NumberOf).Where(n => n > 0).Order().ToList();
                    if (numbers.Count == 0) break;
                    TrimTrailingSpace(runs);
                    runs.Add(new Run(string.Join(",", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture))), style) { Superscript = true });
                    break;
                }
                case CitationInline:
                    TrimTrailingSpace(runs);
                    break;
                case EmphasisInline em:
                {
                    var strong = em.DelimiterCount >= 2;
                    var next = (style, strong) switch
                    {
                        (FontStyleKind.Italic, true) or (FontStyleKind.Bold, false) or (FontStyleKind.BoldItalic, _) => FontStyleKind.BoldItalic,
                        (_, true) => FontStyleKind.Bold,
                        _ => FontStyleKind.Italic,
                    };
                    Walk(em, next, link, numbering, runs);
                    break;
                }
                case LinkInline l when !l.IsImage && LinkRules.IsAllowed(l.Url):
                    Walk(l, style, l.Url, numbering, runs);
                    break;
                case AutolinkInline al:
                {
                    var url = al.IsEmail ? "mailto:" + al.Url : al.Url;
                    runs.Add(new Run(al.Url, style) { Link = LinkRules.IsAllowed(url) ? url : null });
                    break;
                }
                case ContainerInline c:
                    Walk(c, style, link, numbering, runs);
                    break;
            }
        }
    }

    private static void TrimTrailingSpace(List<Run> runs)
    {
        if (runs.Count > 0 && !runs[^1].Superscript)
            runs[^1] = runs[^1] with { Text = runs[^1].Text.TrimEnd() };
    }

    /// <summary>Adjacent runs of the same look become one, which keeps wrapping fast.</summary>
    private static IReadOnlyList<Run> Merge(List<Run> runs)
    {
        var merged = new List<Run>(runs.Count);
        foreach (var r in runs)
        {
            if (r.Text.Length == 0) continue;
            if (merged.Count > 0 && merged[^1] is var last && last.Style == r.Style && last.Link == r.Link && last.Superscript == r.Superscript && last.Color == r.Color)
                merged[^1] = last with { Text = last.Text + r.Text };
            else merged.Add(r);
        }
        return merged;
    }
}
