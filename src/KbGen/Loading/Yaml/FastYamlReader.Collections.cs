
namespace KbGen.Loading.Yaml;

/// <summary>Block mappings and sequences, and flow collections on one line. Offsets mirror
/// YamlTreeReader: a mapping ends where it starts (YamlDotNet's MappingStart end mark); a sequence
/// ends where the event after its SequenceEnd starts.</summary>
internal sealed partial class FastYamlReader
{
    /// <summary>Linear duplicate checks stay cheap up to here; larger mappings take the slow path.</summary>
    private const int MaxEntries = 128;

    /// <summary>A block mapping whose first key starts at the cursor, in column <paramref name="indent"/>.</summary>
    private YMapping ReadBlockMapping(int indent, int depth)
    {
        if (depth > MaxDepth) throw Bail();
        var start = _pos;
        var span = SpanAt(start);
        var entries = new List<KeyValuePair<YScalar, YNode>>();
        while (true)
        {
            var key = ReadKey();
            AddEntry(entries, key, ReadValue(indent, depth + 1));
            if (AtEnd || Column < indent) break;
            if (Column > indent) throw Bail();
        }
        return new YMapping(entries, span, start, start);
    }

    /// <summary>Duplicate keys are reported by the YamlDotNet path.</summary>
    private static void AddEntry(List<KeyValuePair<YScalar, YNode>> entries, YScalar key, YNode value)
    {
        if (entries.Count == MaxEntries) throw Bail();
        foreach (var e in entries)
            if (e.Key.Value == key.Value) throw Bail();
        entries.Add(new(key, value));
    }

    /// <summary>A plain key on one line, up to its ':'; leaves the cursor after the ':'.</summary>
    private YScalar ReadKey()
    {
        var start = _pos;
        if (IsIndicator(Cur)) throw Bail(); // '-' out of place, quoted or complex keys, anchors, tags, directives
        var end = start;
        var i = start;
        while (At(i) != ':' || !IsBlankOrEnd(At(i + 1)))
        {
            var c = At(i);
            if (IsBreakOrEnd(c) || c is '#' or '*' or '[' or ']' or '{' or '}' or ',') throw Bail();
            if (c != ' ') end = i + 1;
            i++;
        }
        if (end - start > MaxKeyLength) throw Bail();
        _pos = i + 1;
        return new YScalar(ShortStrings.Of(_text, start, end - start), ScalarStyle.Plain, SpanAt(start), start, end);
    }

    /// <summary>Whether the cursor is at a plain key followed by ': ' on this line (before any comment).</summary>
    private bool AtKey()
    {
        if (IsIndicator(Cur)) return false;
        for (var i = _pos; !IsBreakOrEnd(At(i)) && (At(i) != '#' || At(i - 1) != ' '); i++)
            if (At(i) == ':' && IsBlankOrEnd(At(i + 1))) return true;
        return false;
    }

    private bool AtEntry => Cur == '-' && IsBlankOrEnd(At(_pos + 1));

    /// <summary>The value after a key's ':' of a mapping in column <paramref name="indent"/>.</summary>
    private YNode ReadValue(int indent, int depth)
    {
        var colon = _pos;
        var colonSpan = SpanAt(colon);
        while (Cur == ' ') _pos++;
        if (!IsBreakOrEnd(Cur) && Cur != '#') return ReadInline(indent, depth);
        SkipBlank();
        if (!AtEnd && (Column > indent || (Column == indent && AtEntry)))
        {
            if (AtEntry) return ReadBlockSequence(Column, depth);
            if (Column > indent && AtKey()) return ReadBlockMapping(Column, depth);
            throw Bail(); // a scalar on the line after its key
        }
        // No value: YamlDotNet gives an empty plain scalar at the end of the ':'.
        return new YScalar("", ScalarStyle.Plain, colonSpan, colon, colon);
    }

    /// <summary>A node that starts at the cursor on the line of its key or '-', and ends its line
    /// (bar a comment). <paramref name="indent"/> is the enclosing block collection's column.</summary>
    private YNode ReadInline(int indent, int depth)
    {
        YNode node = Cur switch
        {
            '[' => ReadFlowSequence(depth, inFlow: false),
            '{' => ReadFlowMapping(depth),
            '"' or '\'' => ReadQuoted(indent, inFlow: false),
            '|' or '>' => ReadBlockScalar(indent),
            '-' when !IsBlankOrEnd(At(_pos + 1)) => ReadPlain(indent),
            var c when !IsIndicator(c) => ReadPlain(indent),
            _ => throw Bail(),
        };
        if (!SkipBlank()) throw Bail();
        return node;
    }

    /// <summary>A block sequence whose first '-' is at the cursor, in column <paramref name="indent"/>.</summary>
    private YSequence ReadBlockSequence(int indent, int depth)
    {
        if (depth > MaxDepth) throw Bail();
        var start = _pos;
        var span = SpanAt(start);
        var items = new List<YNode>();
        while (true)
        {
            _pos++;
            if (Cur != ' ') throw Bail(); // an empty item, or one on the next line
            while (Cur == ' ') _pos++;
            if (IsBreakOrEnd(Cur) || Cur == '#' || AtEntry) throw Bail(); // empty, or a sequence in a sequence
            items.Add(AtKey() ? ReadBlockMapping(Column, depth + 1) : ReadInline(indent, depth + 1));
            if (AtEnd || Column < indent) break;
            if (Column > indent) throw Bail();
            if (!AtEntry) break;
            // After a (flow) sequence item the next event is the next item's node, past its '-'.
            if (items[^1] is YSequence flow)
                items[^1] = flow with { EndOffset = NextTokenAt(_pos + 1, inFlow: false) };
        }
        return new YSequence(items, span, start, _pos);
    }

    private YSequence ReadFlowSequence(int depth, bool inFlow)
    {
        if (depth > MaxDepth) throw Bail();
        var start = _pos;
        var span = SpanAt(start);
        var items = new List<YNode>();
        _pos++;
        SkipSpaces();
        if (Cur != ']')
            while (true)
            {
                items.Add(ReadFlowNode(depth + 1));
                if (!FlowSeparator(']')) break;
            }
        _pos++;
        return new YSequence(items, span, start, NextTokenAt(_pos, inFlow));
    }

    private YMapping ReadFlowMapping(int depth)
    {
        if (depth > MaxDepth) throw Bail();
        var start = _pos;
        var span = SpanAt(start);
        var entries = new List<KeyValuePair<YScalar, YNode>>();
        _pos++;
        SkipSpaces();
        if (Cur != '}')
            while (true)
            {
                var key = Cur is '"' or '\'' ? ReadQuoted(0, inFlow: true) : !IsIndicator(Cur) ? ReadFlowPlain() : throw Bail();
                if (key.EndOffset - key.StartOffset > MaxKeyLength) throw Bail();
                SkipSpaces();
                if (Cur != ':' || At(_pos + 1) != ' ') throw Bail(); // a key without a value, or JSON-style "k":v
                _pos++;
                SkipSpaces();
                AddEntry(entries, key, ReadFlowNode(depth + 1));
                if (!FlowSeparator('}')) break;
            }
        _pos++;
        return new YMapping(entries, span, start, start);
    }

    private YNode ReadFlowNode(int depth) => Cur switch
    {
        '[' => ReadFlowSequence(depth, inFlow: true),
        '{' => ReadFlowMapping(depth),
        '"' or '\'' => ReadQuoted(0, inFlow: true),
        '-' when At(_pos + 1) is not (' ' or ',' or '[' or ']' or '{' or '}' or '\n' or '\r' or '\0') => ReadFlowPlain(),
        var c when !IsIndicator(c) => ReadFlowPlain(),
        _ => throw Bail(),
    };

    /// <summary>After an item: true past a ',' with another item to come, false at the closing bracket.
    /// Line breaks, comments and trailing commas inside flow collections go the slow path.</summary>
    private bool FlowSeparator(char close)
    {
        SkipSpaces();
        if (Cur == close) return false;
        if (Cur != ',') throw Bail();
        _pos++;
        SkipSpaces();
        if (Cur == close) throw Bail();
        return true;
    }

    private void SkipSpaces()
    {
        while (Cur == ' ') _pos++;
    }
}
