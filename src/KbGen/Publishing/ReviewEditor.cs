using System.Text;
using KbGen.Diagnostics;
using KbGen.Loading.Yaml;
using KbGen.Model;

namespace KbGen.Publishing;

/// <summary>Edits a topic file's text in place for `kbgen review`: replaces the value of
/// review.status and appends one step to review.history, leaving every other character as it
/// was. The new step is written in the style of the previous one (a flow mapping
/// <c>- { status: ..., date: ..., by: ... }</c> or a block mapping); an empty <c>history: []</c> or
/// <c>history:</c> gets a first flow-style step on the next line.</summary>
public static class ReviewEditor
{
    public sealed class EditException(string message) : Exception(message);

    public static string Apply(string text, string path, ReviewStep step)
    {
        var bom = text.StartsWith('\uFEFF');
        var body = bom ? text[1..] : text;
        var nl = body.Contains("\r\n") ? "\r\n" : "\n";
        var bag = new DiagnosticBag();
        var doc = YamlTreeReader.Read(path, body, bag);
        if (doc.Root is not YMapping root || bag.HasErrors) throw new EditException("the file is not valid YAML; fix it first (kbgen check)");
        if (root.Get("review") is not YMapping review) throw new EditException("the topic has no 'review' mapping");
        var statusEntry = review.Entries.FirstOrDefault(e => e.Key.Value == "status");
        if (statusEntry.Value is not YScalar status || status.EndOffset <= status.StartOffset)
            throw new EditException("review.status is missing or not a single value");

        // Edits as (offset, remove, insert), applied from the end so offsets stay valid.
        var edits = new List<(int At, int Remove, string Insert)>
        {
            (status.StartOffset, status.EndOffset - status.StartOffset, step.Status.ToName()),
        };

        var historyEntry = review.Entries.FirstOrDefault(e => e.Key.Value == "history");
        var flow = FlowStep(step);
        switch (historyEntry.Value)
        {
            case null:
            {
                // No history key: add one after the status line, at the status key's indentation.
                var indent = new string(' ', statusEntry.Key.Span.Column - 1);
                edits.Add((AfterLine(body, status.EndOffset, nl, out var pre), 0,
                    pre + indent + "history:" + nl + indent + "  - " + flow + nl));
                break;
            }
            case YScalar { IsNull: true } empty:
            {
                var indent = new string(' ', historyEntry.Key.Span.Column - 1);
                edits.Add((AfterLine(body, historyEntry.Key.EndOffset, nl, out var pre), 0, pre + indent + "  - " + flow + nl));
                break;
            }
            case YSequence seq when body[seq.StartOffset] == '[':
            {
                var close = MatchClose(body, seq.StartOffset);
                if (seq.Items.Count == 0)
                {
                    // `history: []` → `history:` and the first step on the next line; a trailing comment stays.
                    var lineEnd = LineEnd(body, close);
                    var rest = body[(close + 1)..lineEnd];
                    var start = seq.StartOffset;
                    while (start > 0 && body[start - 1] == ' ') start--;
                    var kept = rest.Trim().Length > 0 ? " " + rest.TrimStart() : "";
                    var indent = new string(' ', historyEntry.Key.Span.Column - 1);
                    edits.Add((start, lineEnd - start, kept + nl + indent + "  - " + flow));
                }
                else
                {
                    var last = seq.Items[^1];
                    var end = body[last.StartOffset] == '{' ? MatchClose(body, last.StartOffset) + 1 : last.EndOffset;
                    edits.Add((end, 0, ", " + flow));
                }
                break;
            }
            case YSequence seq when seq.Items.Count > 0:
            {
                var last = seq.Items[^1];
                var lineStart = LineStart(body, last.StartOffset);
                var dashIndent = 0;
                while (body[lineStart + dashIndent] == ' ') dashIndent++;
                if (body[lineStart + dashIndent] != '-') throw new EditException("review.history has a layout kbgen review does not edit; put each step on its own '- ' line");
                int endOfItem;
                string item;
                if (body[last.StartOffset] == '{')
                {
                    endOfItem = MatchClose(body, last.StartOffset);
                    item = new string(' ', dashIndent) + "- " + flow;
                }
                else if (last is YMapping)
                {
                    endOfItem = EndOfBlock(body, last.StartOffset, dashIndent);
                    var keyIndent = new string(' ', last.Span.Column - 1);
                    item = new string(' ', dashIndent) + "-" + new string(' ', last.Span.Column - 2 - dashIndent) + string.Join(nl + keyIndent, BlockStep(step));
                }
                else throw new EditException("review.history holds something other than steps");
                edits.Add((AfterLine(body, endOfItem, nl, out var pre), 0, pre + item + nl));
                break;
            }
            default:
                throw new EditException("review.history is neither a list nor empty");
        }

        var sb = new StringBuilder(body);
        foreach (var (at, remove, insert) in edits.OrderByDescending(e => e.At))
            sb.Remove(at, remove).Insert(at, insert);
        return (bom ? "\uFEFF" : "") + sb;
    }

    public static string FlowStep(ReviewStep s) =>
        $"{{ status: {s.Status.ToName()}, date: {YamlText.Date(s.Date)}, by: {YamlText.Safe(s.By)}" +
        (s.Note is null ? "" : $", note: {YamlText.Safe(s.Note)}") + " }";

    private static IEnumerable<string> BlockStep(ReviewStep s)
    {
        yield return "status: " + s.Status.ToName();
        yield return "date: " + YamlText.Date(s.Date);
        yield return "by: " + YamlText.Safe(s.By);
        if (s.Note is not null) yield return "note: " + YamlText.Safe(s.Note);
    }

    private static int LineStart(string s, int offset)
    {
        var i = Math.Min(offset, s.Length);
        while (i > 0 && s[i - 1] != '\n') i--;
        return i;
    }

    /// <summary>Offset of the line end (the '\r' or '\n', or the text's end) of the line holding offset.</summary>
    private static int LineEnd(string s, int offset)
    {
        var i = offset;
        while (i < s.Length && s[i] != '\n') i++;
        if (i > 0 && i <= s.Length && i - 1 >= offset && s[i - 1] == '\r') i--;
        return i;
    }

    /// <summary>Offset just past the line break of the line holding offset; when that line is the
    /// last one and has no break, returns the text's end and sets prefix to a line break.</summary>
    private static int AfterLine(string s, int offset, string nl, out string prefix)
    {
        var i = Math.Min(offset, s.Length);
        while (i < s.Length && s[i] != '\n') i++;
        if (i < s.Length) { prefix = ""; return i + 1; }
        prefix = nl;
        return s.Length;
    }

    /// <summary>The last offset belonging to a block-mapping list item: following lines count while
    /// they are indented deeper than its dash.</summary>
    private static int EndOfBlock(string s, int start, int dashIndent)
    {
        var end = LineEnd(s, start);
        var i = end;
        while (i < s.Length)
        {
            var next = s.IndexOf('\n', i);
            if (next < 0) break;
            var ls = next + 1;
            var le = LineEnd(s, ls);
            var line = s[ls..le];
            var indent = line.Length - line.TrimStart(' ').Length;
            if (line.Trim().Length == 0 || indent <= dashIndent) break;
            end = le;
            i = le;
        }
        return Math.Max(start, end - 1);
    }

    /// <summary>The offset of the bracket closing the one at <paramref name="open"/>, skipping quoted text.</summary>
    private static int MatchClose(string s, int open)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '"')
            {
                for (i++; i < s.Length && s[i] != '"'; i++) if (s[i] == '\\') i++;
            }
            else if (c == '\'' && (s[i - 1] is ' ' or ',' or '{' or '[' or ':'))
            {
                for (i++; i < s.Length; i++)
                {
                    if (s[i] != '\'') continue;
                    if (i + 1 < s.Length && s[i + 1] == '\'') { i++; continue; }
                    break;
                }
            }
            else if (c is '{' or '[') depth++;
            else if (c is '}' or ']' && --depth == 0) return i;
        }
        throw new EditException("an unclosed bracket in review.history");
    }
}
