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
            var sb = new StringBuilder(markdown.Length);
            AppendSimple(sb, markdown, pieces);
            return sb.ToString();
        }
        return OfMarkdig(markdown);
    }

    /// <summary>Appends exactly <see cref="Of(MarkdownText)"/> to <paramref name="sb"/>, without
    /// keeping it with the field (the search index reads every field of every topic once).</summary>
    public static void AppendTo(StringBuilder sb, MarkdownText text)
    {
        if (text.PlainCache is { } known) { sb.Append(known); return; }
        var markdown = text.Source;
        if (string.IsNullOrEmpty(markdown)) return;
        if (SimpleText.Scan(markdown) is { } pieces) AppendSimple(sb, markdown, pieces);
        else sb.Append(OfMarkdig(markdown));
    }

    /// <summary>The literal runs (citations have no text), collapsed as <see cref="Collapse"/>
    /// does, in one pass: what Markdig's path gives for these fields.</summary>
    private static void AppendSimple(StringBuilder sb, string markdown, List<SimpleText.Piece> pieces)
    {
        var start = sb.Length;
        var space = false;
        foreach (var p in pieces)
        {
            if (p.Ids is not null) continue;
            foreach (var c in markdown.AsSpan(p.Start, p.Length))
            {
                if (char.IsWhiteSpace(c)) { space = sb.Length > start; continue; }
                // Collapse's " ." -> "." and " ," -> ",".
                if (space && c is not ('.' or ',')) sb.Append(' ');
                space = false;
                sb.Append(c);
            }
        }
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
