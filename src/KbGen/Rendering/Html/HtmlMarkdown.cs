using System.Net;
using KbGen.Loading.Markdown;
using KbGen.Model;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KbGen.Rendering.Html;

/// <summary>Markdown to HTML through Markdig with HTML disabled, links limited to
/// http/https/mailto, and citations as numbered superscripts. This is the only producer of
/// HTML that templates insert unescaped.</summary>
public static class HtmlMarkdown
{
    /// <summary>Block Markdown (pages, summaries): paragraphs, lists, tables.</summary>
    public static string Block(MarkdownText text, CitationNumbering? numbering) => Render(text.Source, numbering, inline: false);

    /// <summary>Inline Markdown (a claim): one paragraph's content without the &lt;p&gt; wrapper.</summary>
    public static string Inline(MarkdownText text, CitationNumbering? numbering) => Render(text.Source, numbering, inline: true);

    private static string Render(string source, CitationNumbering? numbering, bool inline)
    {
        var doc = Markdown.Parse(source, MarkdownPipelines.Content);
        TrimSpaceBeforeCitations(doc);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        MarkdownPipelines.Content.Setup(renderer);
        renderer.ObjectRenderers.Insert(0, new CitationRenderer(numbering));
        renderer.ObjectRenderers.Replace<LinkInlineRenderer>(new SafeLinkRenderer());
        renderer.ObjectRenderers.Replace<AutolinkInlineRenderer>(new SafeAutolinkRenderer());
        if (inline && doc.Count == 1 && doc[0] is ParagraphBlock p)
        {
            renderer.ImplicitParagraph = true;
            renderer.Render(p);
        }
        else renderer.Render(doc);
        writer.Flush();
        return writer.ToString().Trim();
    }

    /// <summary>"pain [@x]." reads as "pain¹." — the superscript sits against the word.</summary>
    private static void TrimSpaceBeforeCitations(MarkdownDocument doc)
    {
        foreach (var c in doc.Descendants<CitationInline>())
            if (c.PreviousSibling is LiteralInline lit)
            {
                var slice = lit.Content;
                while (slice.Length > 0 && char.IsWhiteSpace(slice.Text[slice.End])) slice.End--;
                lit.Content = slice;
            }
    }

    private sealed class CitationRenderer(CitationNumbering? numbering) : HtmlObjectRenderer<CitationInline>
    {
        protected override void Write(HtmlRenderer renderer, CitationInline obj)
        {
            if (numbering is null || obj.Ids.Count == 0) return; // citations are omitted where no list is shown
            renderer.Write("<sup class=\"cite\">");
            var first = true;
            foreach (var id in obj.Ids.OrderBy(i => numbering.NumberOf(i)))
            {
                var n = numbering.NumberOf(id);
                if (n == 0) continue;
                if (!first) renderer.Write(",");
                renderer.Write("<a href=\"#ref-").Write(WebUtility.HtmlEncode(id)).Write("\">").Write(n.ToString(System.Globalization.CultureInfo.InvariantCulture)).Write("</a>");
                first = false;
            }
            renderer.Write("</sup>");
        }
    }

    /// <summary>A link whose URL is not allowed renders as its text only.</summary>
    private sealed class SafeLinkRenderer : LinkInlineRenderer
    {
        protected override void Write(HtmlRenderer renderer, LinkInline link)
        {
            if (link.IsImage || !LinkRules.IsAllowed(link.Url))
            {
                renderer.WriteChildren(link);
                return;
            }
            if (!(link.Url ?? "").StartsWith('#'))
                link.GetAttributes().AddProperty("rel", "noopener noreferrer");
            base.Write(renderer, link);
        }
    }

    private sealed class SafeAutolinkRenderer : AutolinkInlineRenderer
    {
        protected override void Write(HtmlRenderer renderer, AutolinkInline link)
        {
            var url = link.IsEmail ? "mailto:" + link.Url : link.Url;
            if (!LinkRules.IsAllowed(url))
            {
                renderer.WriteEscape(link.Url);
                return;
            }
            base.Write(renderer, link);
        }
    }
}
