using KbGen.Diagnostics;
using KbGen.Model;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SourceSpan = KbGen.Model.SourceSpan;

namespace KbGen.Loading.Markdown;

/// <summary>Turns a text field into <see cref="MarkdownText"/>: maps every character back to the
/// file, parses it once with the validation pipeline, and reports raw HTML, unsafe links and
/// malformed citations at their own line and column.</summary>
public static class MarkdownReader
{
    /// <summary>From a YAML scalar: YAML folding, quoting and escapes change the text, so each
    /// visible character of the value is aligned with the next identical character of the raw file.</summary>
    public static MarkdownText FromScalar(string value, string fileText, int rawStart, int rawEnd, SourceSpan span, LineIndex lines, DiagnosticBag diagnostics)
    {
        var ls = new int[value.Length];
        var cs = new int[value.Length];
        var raw = Math.Max(0, rawStart);
        var end = Math.Min(fileText.Length, Math.Max(rawEnd, rawStart));
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsWhiteSpace(c)) continue;
            var found = fileText.IndexOf(c, raw, end - raw);
            if (found < 0) continue;
            (ls[i], cs[i]) = lines.At(found);
            raw = found + 1;
        }
        return Build(value, span, ls, cs, diagnostics);
    }

    /// <summary>From a region of a Markdown file (a page body): offsets map directly.</summary>
    public static MarkdownText FromFileRegion(string fileText, int start, SourceSpan span, LineIndex lines, DiagnosticBag diagnostics)
    {
        var value = fileText[start..];
        var ls = new int[value.Length];
        var cs = new int[value.Length];
        for (var i = 0; i < value.Length; i++) (ls[i], cs[i]) = lines.At(start + i);
        return Build(value, span, ls, cs, diagnostics);
    }

    private static MarkdownText Build(string value, SourceSpan span, int[] ls, int[] cs, DiagnosticBag diagnostics)
    {
        var text = new MarkdownText(value, span, ls, cs);
        var citations = new List<Citation>();
        var doc = Markdig.Markdown.Parse(value, MarkdownPipelines.Validation);
        foreach (var node in doc.Descendants())
        {
            switch (node)
            {
                case HtmlBlock hb:
                    diagnostics.Add(DiagnosticCodes.RawHtml, text.PositionOf(hb.Span.Start), "raw HTML is not allowed in content; write Markdown");
                    break;
                case HtmlInline hi:
                    diagnostics.Add(DiagnosticCodes.RawHtml, text.PositionOf(hi.Span.Start), $"raw HTML '{Shorten(hi.Tag)}' is not allowed in content; write Markdown");
                    break;
                case AutolinkInline al when al.IsEmail is false && !LinkRules.IsAllowed(al.Url):
                    diagnostics.Add(DiagnosticCodes.UnsafeLink, text.PositionOf(al.Span.Start), $"link '{Shorten(al.Url)}' is not allowed; only http, https and mailto links");
                    break;
                case LinkInline link when !LinkRules.IsAllowed(link.Url):
                    diagnostics.Add(DiagnosticCodes.UnsafeLink, text.PositionOf(link.Span.Start),
                        link.IsImage ? "images are not allowed in text fields" : $"link '{Shorten(link.Url)}' is not allowed; only http, https and mailto links");
                    break;
                case LinkInline { IsImage: true } img:
                    diagnostics.Add(DiagnosticCodes.UnsafeLink, text.PositionOf(img.Span.Start), "images are not allowed in text fields");
                    break;
                case CitationInline ci:
                    if (ci.Error is not null)
                        diagnostics.Add(DiagnosticCodes.MalformedCitation, text.PositionOf(ci.Span.Start), ci.Error);
                    for (var i = 0; i < ci.Ids.Count; i++)
                        citations.Add(new Citation(ci.Ids[i], text.PositionOf(ci.Span.Start)));
                    break;
            }
        }
        return new MarkdownText(value, span, ls, cs) { Citations = citations };
    }

    private static string Shorten(string? s) => s is null ? "" : s.Length > 40 ? s[..40] + "…" : s;
}
