using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using KbGen.Model;

namespace KbGen.Loading.Markdown;

/// <summary>Markdown as a reader reads it, without markup or citations: for reading-level
/// scores, the search index, feeds and PDF metadata.</summary>
public static class PlainText
{
    /// <summary>Plain text of a field, computed once per field.</summary>
    public static string Of(MarkdownText text) => text.PlainCache ??= Of(text.Source);

    public static string Of(string markdown)
    {
        if (string.IsNullOrEmpty(markdown)) return "";
        if (SimpleText.Scan(markdown) is { } pieces)
        {
            // Markdig would give the literal runs (citations have no text) and a space after the paragraph.
            var plain = new StringBuilder(markdown.Length + 1);
            foreach (var p in pieces)
                if (p.Ids is null) plain.Append(markdown, p.Start, p.Length);
            return Collapse(plain.Append(' ').ToString());
        }
        return OfMarkdig(markdown);
    }

    /// <summary>Through Markdig, for any text that is not <see cref="SimpleText"/>; tests call it to
    /// check that both paths agree.</summary>
    internal static string OfMarkdig(string markdown)
    {
        if (string.IsNullOrEmpty(markdown)) return "";
        var doc = Markdig.Markdown.Parse(markdown, MarkdownPipelines.Content);
        var sb = new StringBuilder(markdown.Length);
        foreach (var block in doc.Descendants<LeafBlock>())
        {
            if (block.Inline is null)
            {
                if (block is CodeBlock cb) sb.Append(cb.Lines.ToString()).Append(' ');
                continue;
            }
            foreach (var inline in block.Inline.Descendants<Inline>())
            {
                switch (inline)
                {
                    case LiteralInline lit: sb.Append(lit.Content.AsSpan()); break;
                    case CodeInline code: sb.Append(code.Content); break;
                    case LineBreakInline: sb.Append(' '); break;
                    case HtmlEntityInline ent: sb.Append(ent.Transcoded.AsSpan()); break;
                }
            }
            sb.Append(' ');
        }
        return Collapse(sb.ToString());
    }

    private static string Collapse(string s)
    {
        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(c);
        }
        return sb.ToString().Replace(" .", ".").Replace(" ,", ",");
    }
}
