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
    /// <summary>From a YAML scalar; positions come from aligning the value with the raw file text.</summary>
    internal static MarkdownText FromScalar(string value, SourceText file, int rawStart, int rawEnd, SourceSpan span, DiagnosticBag diagnostics) =>
        Build(new MarkdownText(value, span, file, rawStart, rawEnd), diagnostics);

    /// <summary>From a region of a Markdown file (a page body): offsets map directly.</summary>
    public static MarkdownText FromFileRegion(string fileText, int start, SourceSpan span, LineIndex lines, DiagnosticBag diagnostics) =>
        Build(new MarkdownText(fileText[start..], span, new RegionPositionMap(span.File, lines), start, fileText.Length), diagnostics);

    private static MarkdownText Build(MarkdownText text, DiagnosticBag diagnostics)
    {
        var value = text.Source;
        if (SimpleText.Scan(value) is { } pieces)
        {
            // Nothing to report; Markdig would find only the citations, each at its '['.
            var count = 0;
            foreach (var p in pieces) count += p.Ids?.Count ?? 0;
            if (count == 0) return text;
            // An exact array (the ids are already shared, see ShortStrings): a loaded model holds
            // tens of thousands of citations, and every object in it is marked and copied by the
            // collections of a build (docs/benchmarks.md).
            var found = new Citation[count];
            var n = 0;
            foreach (var p in pieces)
                if (p.Ids is { } ids)
                    foreach (var id in ids) found[n++] = new Citation(id, text, p.Start);
            text.Citations = found;
            return text;
        }
        return BuildMarkdig(text, value, diagnostics);
    }

    /// <summary>Through Markdig, for any field that is not <see cref="SimpleText"/>; tests call it
    /// to check that both paths agree.</summary>
    internal static MarkdownText BuildMarkdig(MarkdownText text, string value, DiagnosticBag diagnostics)
    {
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
                        citations.Add(new Citation(ShortStrings.Of(ci.Ids[i], 0, ci.Ids[i].Length), text, ci.Span.Start));
                    break;
            }
        }
        if (citations.Count > 0) text.Citations = citations.ToArray();
        return text;
    }

    private static string Shorten(string? s) => s is null ? "" : s.Length > 40 ? s[..40] + "…" : s;
}
