using KbGen.Diagnostics;
using KbGen.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YScalarStyle = YamlDotNet.Core.ScalarStyle;

namespace KbGen.Loading.Yaml;

/// <summary>Reads YAML text into <see cref="YNode"/>s from YamlDotNet's parser events.
/// Working from events (not the representation model) lets us bound nesting depth before
/// anything recursive runs (a .NET stack overflow cannot be caught), refuse anchors and
/// aliases (expansion bombs), report duplicate keys, and correct YamlDotNet's misleading
/// positions for tabs and unclosed brackets.</summary>
public static partial class YamlTreeReader
{
    public const int MaxDepth = 64;

    public static YDocument Read(string path, string text, DiagnosticBag diagnostics) =>
        // Content mostly uses a subset of YAML that a small reader builds many times faster; it gives
        // up on anything else (and never reports), and YamlDotNet reads that as before.
        FastYamlReader.Read(path, text) is { } root ? new YDocument(path, text, root) : ReadWithYamlDotNet(path, text, diagnostics);

    /// <summary>The reference reading, which also reports every problem; tests compare the fast reader with it.</summary>
    internal static YDocument ReadWithYamlDotNet(string path, string text, DiagnosticBag diagnostics)
    {
        // Tabs in indentation: YamlDotNet reports them late and vaguely; we report each at its character.
        if (ReportTabIndentation(path, text, diagnostics))
            return new YDocument(path, text, null);

        var before = diagnostics.Count;
        Builder? builder = null;
        try
        {
            var parser = new Parser(new StringReader(text));
            builder = new Builder(path, parser, diagnostics);
            var root = builder.ReadStream();
            return new YDocument(path, text, diagnostics.Count > before && root is null ? null : root);
        }
        catch (YamlException ex)
        {
            if (MisIndented(path, text, ex) is { } indent)
                diagnostics.Add(DiagnosticCodes.YamlSyntax, indent.At, indent.Message);
            else
                diagnostics.Add(DiagnosticCodes.YamlSyntax, SyntaxPosition(path, text, ex), Clean(ex.Message));
            return new YDocument(path, text, null);
        }
        catch (ArgumentException)
        {
            // YamlDotNet 16 throws this (with no position) for an escaped half of a surrogate pair.
            var at = SurrogateEscape().Match(text) is { Success: true } m ? m.Index : -1;
            diagnostics.Add(DiagnosticCodes.YamlSyntax, at >= 0 ? SpanAt(path, text, at) : builder?.LastSpan ?? SourceSpan.FileStart(path),
                at >= 0 ? $"'{text.Substring(at, 6)}' is half of a surrogate pair; write the character itself or escape it whole as \\UXXXXXXXX"
                        : "invalid character escape");
            return new YDocument(path, text, null);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16 throws this (with no position) for some unclosed flow collections.
            if (UnclosedBracket(text, text.Length) is { } open)
                diagnostics.Add(DiagnosticCodes.YamlSyntax, new SourceSpan(path, open.Line, open.Col), $"'{text[new LineIndexOffset(text).Of(open.Line, open.Col)]}' is never closed");
            else
                diagnostics.Add(DiagnosticCodes.YamlSyntax, builder?.LastSpan ?? SourceSpan.FileStart(path), "invalid YAML structure after this point");
            return new YDocument(path, text, null);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")]
    private static partial System.Text.RegularExpressions.Regex SurrogateEscape();

    private static SourceSpan SpanAt(string path, string text, int offset)
    {
        int line = 1, col = 1;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))) { line++; col = 1; }
            else col++;
        }
        return new SourceSpan(path, line, col);
    }

    private static bool ReportTabIndentation(string path, string text, DiagnosticBag diagnostics)
    {
        var found = false;
        int line = 1, col = 1;
        var atLineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))) { line++; col = 1; atLineStart = true; continue; }
            if (atLineStart && c == '\t')
            {
                diagnostics.Add(DiagnosticCodes.TabIndentation, new SourceSpan(path, line, col),
                    "tab character used for indentation; YAML indents with spaces only");
                found = true;
                atLineStart = false;
            }
            else if (c != ' ' && c != '\r') atLineStart = false;
            col++;
        }
        return found;
    }

    /// <summary>A key indented differently from its siblings makes YamlDotNet complain at the colon
    /// ("mapping values are not allowed") or at the key ("did not find expected key"); the fix is
    /// the line's indentation, so that is where we point, saying what the lines around it use.</summary>
    private static (SourceSpan At, string Message)? MisIndented(string path, string text, YamlException ex)
    {
        if (!ex.Message.Contains("mapping values are not allowed", StringComparison.Ordinal)
            && !ex.Message.Contains("did not find expected key", StringComparison.Ordinal)
            && !ex.Message.Contains("found invalid mapping", StringComparison.Ordinal)) return null;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var lineNo = (int)ex.Start.Line;
        if (lineNo < 1 || lineNo > lines.Length) return null;
        static int Indent(string l) => l.Length - l.TrimStart(' ').Length;
        static bool Blank(string l) => l.Trim().Length == 0 || l.TrimStart().StartsWith('#');
        var line = lines[lineNo - 1];
        if (Blank(line) || line.TrimStart().StartsWith('-')) return null;
        var indent = Indent(line);
        var previous = lines.Take(lineNo - 1).LastOrDefault(l => !Blank(l));
        if (previous is null || Indent(previous) == indent) return null;
        return (new SourceSpan(path, lineNo, indent + 1),
            $"wrong indentation: this line is indented {indent} space{(indent == 1 ? "" : "s")} but the line before it {Indent(previous)}; keys of one mapping line up exactly");
    }

    /// <summary>YamlDotNet points at where it gave up; for an unclosed bracket we point at the
    /// bracket that was never closed, which is where the author has to look.</summary>
    private static SourceSpan SyntaxPosition(string path, string text, YamlException ex)
    {
        var msg = ex.Message;
        if (msg.Contains("flow sequence", StringComparison.OrdinalIgnoreCase) || msg.Contains("flow mapping", StringComparison.OrdinalIgnoreCase)
            || msg.Contains("did not find expected ',' or", StringComparison.OrdinalIgnoreCase))
        {
            var open = UnclosedBracket(text, (int)Math.Min(ex.End.Index, text.Length));
            if (open is { } o) return new SourceSpan(path, o.Line, o.Col);
        }
        // For quoted scalars Start is the opening quote, which is where the fix goes.
        return new SourceSpan(path, Math.Max(1, (int)ex.Start.Line), Math.Max(1, (int)ex.Start.Column));
    }

    private static (int Line, int Col)? UnclosedBracket(string text, int upTo)
    {
        var stack = new Stack<(int Line, int Col)>();
        int line = 1, col = 1;
        char quote = '\0';
        var comment = false;
        for (var i = 0; i < upTo && i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))) { line++; col = 1; comment = false; continue; }
            if (!comment)
            {
                if (quote != '\0') { if (c == quote) quote = '\0'; }
                else if (c == '#' && (i == 0 || char.IsWhiteSpace(text[i - 1]))) comment = true;
                else if ((c == '"' || c == '\'') && (i == 0 || " [{,:".Contains(text[i - 1]))) quote = c;
                else if (c is '[' or '{') stack.Push((line, col));
                else if (c is ']' or '}' && stack.Count > 0) stack.Pop();
            }
            col++;
        }
        return stack.Count > 0 ? stack.Peek() : null;
    }

    private static string Clean(string message)
    {
        // "(Line: 3, Col: 5, Idx: 20) - (Line: ...): While scanning..." → the readable part.
        var i = message.LastIndexOf("): ", StringComparison.Ordinal);
        var m = i >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(i + 3)..] : message;
        return m.TrimEnd('.').Trim() switch
        {
            "" => "invalid YAML",
            var s => char.ToLowerInvariant(s[0]) + s[1..],
        };
    }

    private sealed class Builder(string path, IParser parser, DiagnosticBag diagnostics)
    {
        private bool _failed;

        public SourceSpan? LastSpan { get; private set; }

        private SourceSpan SpanOf(Mark m) => new(path, (int)m.Line, (int)m.Column);

        public YNode? ReadStream()
        {
            parser.Consume<StreamStart>();
            YNode? root = null;
            var documents = 0;
            while (parser.TryConsume<DocumentStart>(out var ds))
            {
                documents++;
                if (documents == 2)
                    diagnostics.Add(DiagnosticCodes.MultipleDocuments, SpanOf(ds.Start), "a content file holds one YAML document; remove the second '---'");
                var node = ReadNode(0);
                if (_failed) return null;
                parser.Consume<DocumentEnd>();
                if (documents == 1) root = node;
            }
            parser.Consume<StreamEnd>();
            return _failed ? null : root;
        }

        private YNode? ReadNode(int depth)
        {
            var ev = parser.Current ?? throw new InvalidOperationException("unexpected end of YAML events");
            LastSpan = SpanOf(ev.Start);
            if (depth > MaxDepth)
            {
                diagnostics.Add(DiagnosticCodes.NestingTooDeep, SpanOf(ev.Start), $"nesting deeper than {MaxDepth} levels");
                _failed = true; // stop here: nothing deeper is read, so nothing recurses further
                return null;
            }
            switch (ev)
            {
                case AnchorAlias alias:
                    diagnostics.Add(DiagnosticCodes.AnchorOrAlias, SpanOf(alias.Start), $"alias '*{alias.Value}' is not allowed; write the value out");
                    parser.MoveNext();
                    _failed = true;
                    return null;
                case Scalar s:
                    parser.MoveNext();
                    CheckAnchor(s);
                    return new YScalar(s.Value, MapStyle(s.Style), SpanOf(s.Start), (int)s.Start.Index, (int)s.End.Index);
                case SequenceStart ss:
                {
                    parser.MoveNext();
                    CheckAnchor(ss);
                    var items = new List<YNode>();
                    while (!parser.TryConsume<SequenceEnd>(out var end))
                    {
                        var item = ReadNode(depth + 1);
                        if (_failed) return null;
                        if (item is not null) items.Add(item);
                        if (parser.Current is null) return null;
                    }
                    return new YSequence(items, SpanOf(ss.Start), (int)ss.Start.Index, (int)(parser.Current?.Start.Index ?? ss.End.Index));
                }
                case MappingStart ms:
                {
                    parser.MoveNext();
                    CheckAnchor(ms);
                    var entries = new List<KeyValuePair<YScalar, YNode>>();
                    var seen = new Dictionary<string, YScalar>(StringComparer.Ordinal);
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var keyNode = ReadNode(depth + 1);
                        if (_failed) return null;
                        var value = ReadNode(depth + 1);
                        if (_failed) return null;
                        if (keyNode is not YScalar key)
                        {
                            diagnostics.Add(DiagnosticCodes.WrongType, keyNode?.Span ?? SpanOf(ms.Start), "a mapping key must be a plain name");
                            continue;
                        }
                        if (seen.TryGetValue(key.Value, out var first))
                        {
                            diagnostics.Add(DiagnosticCodes.DuplicateKey, key.Span, $"key '{key.Value}' is given twice (first at line {first.Span.Line})");
                            continue;
                        }
                        seen[key.Value] = key;
                        entries.Add(new(key, value ?? new YScalar("", ScalarStyle.Plain, key.Span, key.EndOffset, key.EndOffset)));
                    }
                    return new YMapping(entries, SpanOf(ms.Start), (int)ms.Start.Index, (int)ms.End.Index);
                }
                default:
                    throw new InvalidOperationException($"unexpected YAML event {ev.GetType().Name}");
            }
        }

        private void CheckAnchor(NodeEvent ev)
        {
            if (!ev.Anchor.IsEmpty)
            {
                diagnostics.Add(DiagnosticCodes.AnchorOrAlias, SpanOf(ev.Start), $"anchor '&{ev.Anchor.Value}' is not allowed; write values out where they are used");
                _failed = true;
            }
        }

        private static ScalarStyle MapStyle(YScalarStyle s) => s switch
        {
            YScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
            YScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
            YScalarStyle.Literal => ScalarStyle.Literal,
            YScalarStyle.Folded => ScalarStyle.Folded,
            _ => ScalarStyle.Plain,
        };
    }
}

internal readonly struct LineIndexOffset(string text)
{
    public int Of(int line, int col)
    {
        var l = 1;
        for (var i = 0; i < text.Length; i++)
        {
            if (l == line) return Math.Min(text.Length - 1, i + col - 1);
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))) l++;
        }
        return 0;
    }
}
