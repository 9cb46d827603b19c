namespace KbGen.Loading.Markdown;

/// <summary>Recognises the commonest text field — one line of plain words and punctuation with
/// valid citations, such as "duloxetine may help sleep [@ref-a; @ref-b]." — for which Markdig's
/// parse is known in advance: literal text and citation nodes, nothing else. Such a field is read
/// without Markdig (Markdig parsing was a third of loading, and the page, search index and
/// reading-level rule each parsed every field again).
///
/// The recogniser is deliberately narrow: ASCII letters, digits, single spaces and the
/// punctuation <c>, . ; ( ) ' - ? / %</c>, starting with a letter, on one line, and citations
/// that <see cref="CitationParser"/> accepts without an error. Anything else (emphasis, links,
/// autolinks, entities, escapes, HTML, list or heading markers, a bad citation) goes to Markdig,
/// which also reports the problems. A test compares both paths on every field of the sample
/// content and of a generated corpus.</summary>
internal static class SimpleText
{
    /// <summary>A run of literal text, or a citation group (<see cref="Ids"/> not null) whose
    /// <c>[</c> is at <see cref="Start"/>.</summary>
    public readonly record struct Piece(int Start, int Length, List<string>? Ids);

    [ThreadStatic] private static List<Piece>? t_pieces;

    /// <summary>The pieces of <paramref name="s"/> when it is simple, else null. The list is reused
    /// by the calling thread: read it before the next call.</summary>
    public static List<Piece>? Scan(string s)
    {
        var pieces = t_pieces ??= [];
        pieces.Clear();
        if (s.Length == 0 || !char.IsAsciiLetter(s[0]) || s[^1] == ' ') return null;
        var literal = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                // "www." starts an autolink.
                if (c is 'w' or 'W' && i + 2 < s.Length && s[i + 1] is 'w' or 'W' && s[i + 2] is 'w' or 'W') return null;
                continue;
            }
            switch (c)
            {
                case ' ':
                    if (s[i + 1] == ' ') return null; // the last character is not a space
                    continue;
                case ',' or '.' or ';' or '(' or ')' or '\'' or '-' or '?' or '/' or '%':
                    continue;
                case '[':
                    var close = Citation(s, i, out var ids);
                    if (close < 0) return null;
                    if (i > literal) pieces.Add(new Piece(literal, i - literal, null));
                    pieces.Add(new Piece(i, close - i + 1, ids));
                    i = close;
                    literal = close + 1;
                    continue;
                default:
                    return null;
            }
        }
        if (s.Length > literal) pieces.Add(new Piece(literal, s.Length - literal, null));
        return pieces;
    }

    /// <summary>The index of the <c>]</c> closing a citation group at <paramref name="open"/> that
    /// <see cref="CitationParser"/> accepts without an error, else -1.</summary>
    private static int Citation(string s, int open, out List<string>? ids)
    {
        ids = null;
        if (open + 1 >= s.Length || s[open + 1] != '@') return -1;
        var close = s.IndexOf(']', open, Math.Min(s.Length - open, 400));
        if (close < 0) return -1;
        var list = new List<string>(1);
        var pos = open + 1;
        while (pos < close)
        {
            while (pos < close && s[pos] == ' ') pos++;
            if (pos >= close || s[pos] != '@') return -1;
            var idStart = ++pos;
            while (pos < close && (char.IsAsciiLetterLower(s[pos]) || char.IsAsciiDigit(s[pos]) || s[pos] == '-')) pos++;
            var id = ShortStrings.Of(s, idStart, pos - idStart);
            if (!IdRules.IsValidId(id)) return -1;
            list.Add(id);
            while (pos < close && s[pos] == ' ') pos++;
            if (pos < close)
            {
                if (s[pos] != ';') return -1;
                pos++;
                // "[@a;]" has an empty part: an error, for Markdig to report.
                var next = pos;
                while (next < close && s[next] == ' ') next++;
                if (next >= close) return -1;
            }
        }
        if (list.Count == 0) return -1;
        ids = list;
        return close;
    }
}
