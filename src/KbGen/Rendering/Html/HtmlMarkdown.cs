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

    // Building a renderer (pipeline setup, object-renderer list, per-type lookup cache) cost more
    // than rendering one claim; each thread keeps one and only swaps the numbering.
    [ThreadStatic] private static ReusableRenderer? t_renderer;

    private static string Render(string source, CitationNumbering? numbering, bool inline)
    {
        if (SimpleText.Scan(source) is { } pieces) return RenderSimple(source, pieces, numbering, inline);
        return RenderMarkdig(source, numbering, inline);
    }

    [ThreadStatic] private static System.Text.StringBuilder? t_simple;

    /// <summary>What Markdig renders for a <see cref="SimpleText"/> field: its words (which need no
    /// escaping), without the spaces before each citation, and the citations.</summary>
    private static string RenderSimple(string source, List<SimpleText.Piece> pieces, CitationNumbering? numbering, bool inline)
    {
        var sb = t_simple ??= new System.Text.StringBuilder();
        sb.Clear();
        if (!inline) sb.Append("<p>");
        for (var k = 0; k < pieces.Count; k++)
        {
            var piece = pieces[k];
            if (piece.Ids is { } ids)
            {
                if (numbering is not null) AppendCitation(sb, ids, numbering);
                continue;
            }
            var text = source.AsSpan(piece.Start, piece.Length);
            if (k + 1 < pieces.Count) text = text.TrimEnd(' '); // TrimSpaceBeforeCitations
            sb.Append(text);
        }
        if (!inline) sb.Append("</p>");
        int start = 0, end = sb.Length;
        while (start < end && char.IsWhiteSpace(sb[start])) start++;
        while (end > start && char.IsWhiteSpace(sb[end - 1])) end--;
        return sb.ToString(start, end - start);
    }

    /// <summary>A citation's markup: superscript numbers in order, each linking to its reference
    /// (both the plain-text path and <see cref="CitationRenderer"/> write it).</summary>
    private static void AppendCitation(System.Text.StringBuilder sb, IReadOnlyList<string> ids, CitationNumbering numbering)
    {
        if (ids.Count == 0) return;
        sb.Append("<sup class=\"cite\">");
        var first = true;
        foreach (var id in ids.Count == 1 ? ids : (IEnumerable<string>)ids.OrderBy(i => numbering.NumberOf(i)))
        {
            var n = numbering.NumberOf(id);
            if (n == 0) continue;
            if (!first) sb.Append(',');
            sb.Append("<a href=\"#ref-").Append(WebUtility.HtmlEncode(id)).Append("\">").Append(n.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("</a>");
            first = false;
        }
        sb.Append("</sup>");
    }

    /// <summary>Through Markdig, for any field that is not <see cref="SimpleText"/>; tests call it
    /// to check that both paths agree.</summary>
    internal static string RenderMarkdig(string source, CitationNumbering? numbering, bool inline)
    {
        var doc = Markdown.Parse(source, MarkdownPipelines.Content);
        TrimSpaceBeforeCitations(doc);
        var renderer = t_renderer ?? new ReusableRenderer();
        t_renderer = null; // not shared with a nested or failed render
        var result = renderer.Run(doc, numbering, inline);
        t_renderer = renderer;
        return result;
    }

    private sealed class ReusableRenderer
    {
        private readonly StringWriter _writer = new();
        private readonly Renderer _renderer;
        private readonly CitationRenderer _citations = new();

        public ReusableRenderer()
        {
            _renderer = new Renderer(_writer);
            MarkdownPipelines.Content.Setup(_renderer);
            _renderer.ObjectRenderers.Insert(0, _citations);
            _renderer.ObjectRenderers.Replace<LinkInlineRenderer>(new SafeLinkRenderer());
            _renderer.ObjectRenderers.Replace<AutolinkInlineRenderer>(new SafeAutolinkRenderer());
        }

        public string Run(MarkdownDocument doc, CitationNumbering? numbering, bool inline)
        {
            _writer.GetStringBuilder().Clear();
            _renderer.StartFresh();
            _citations.Numbering = numbering;
            if (inline && doc.Count == 1 && doc[0] is ParagraphBlock p)
            {
                _renderer.ImplicitParagraph = true;
                _renderer.Render(p);
            }
            else
            {
                _renderer.ImplicitParagraph = false;
                _renderer.Render(doc);
            }
            _citations.Numbering = null;
            var sb = _writer.GetStringBuilder();
            int start = 0, end = sb.Length;
            while (start < end && char.IsWhiteSpace(sb[start])) start++;
            while (end > start && char.IsWhiteSpace(sb[end - 1])) end--;
            return sb.ToString(start, end - start);
        }
    }

    /// <summary>An HtmlRenderer that can start over as if new: a finished render leaves no
    /// indents or open children, only "the last thing written was not a line break".</summary>
    private sealed class Renderer(TextWriter writer) : HtmlRenderer(writer)
    {
        public void StartFresh() => previousWasLine = true;
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

    private sealed class CitationRenderer : HtmlObjectRenderer<CitationInline>
    {
        public CitationNumbering? Numbering { get; set; }

        protected override void Write(HtmlRenderer renderer, CitationInline obj)
        {
            var numbering = Numbering;
            if (numbering is null || obj.Ids.Count == 0) return; // citations are omitted where no list is shown
            var sb = new System.Text.StringBuilder();
            AppendCitation(sb, obj.Ids, numbering);
            renderer.Write(sb.ToString());
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
