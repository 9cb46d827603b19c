using Markdig.Helpers;
using Markdig.Parsers;

namespace KbGen.Loading.Markdown;

/// <summary>Parses <c>[@id]</c> and <c>[@a; @b]</c>. Runs before Markdig's link parser, and only
/// claims brackets that start with <c>[@</c>, so ordinary links are untouched.</summary>
public sealed class CitationParser : InlineParser
{
    public CitationParser() => OpeningCharacters = ['['];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (slice.PeekChar() != '@') return false;
        var text = slice.Text;
        var start = slice.Start;
        var close = text.IndexOf(']', start, Math.Min(slice.End - start + 1, 400));
        if (close < 0) return false;
        var inner = text.Substring(start + 1, close - start - 1);
        if (inner.Contains('[') || inner.Contains('\n')) return false;

        var ids = new List<string>();
        var offsets = new List<int>();
        string? error = null;
        var pos = start + 1;
        foreach (var part in inner.Split(';'))
        {
            var lead = part.Length - part.TrimStart().Length;
            var p = part.Trim();
            var at = pos + lead;
            if (p.Length < 2 || p[0] != '@' || !IdRules.IsValidId(p[1..]))
                error ??= p.Length <= 1 ? "empty citation: write [@reference-id]" : $"'{p}' is not a citation: write [@reference-id] with a lower-case id";
            else { ids.Add(p[1..]); offsets.Add(at); }
            pos += part.Length + 1;
        }

        processor.Inline = new CitationInline
        {
            Ids = ids,
            IdOffsets = offsets,
            Error = error,
            Span = new Markdig.Syntax.SourceSpan(processor.GetSourcePosition(start, out var line, out var col), processor.GetSourcePosition(close)),
            Line = line,
            Column = col,
        };
        slice.Start = close + 1;
        return true;
    }
}
