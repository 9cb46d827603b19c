using System.Buffers;
using System.Globalization;
using System.Text;

namespace KbGen.Loading.Yaml;

/// <summary>Plain, quoted and block scalars, folded as YamlDotNet (after libyaml) folds them.
/// A scalar starts at its first character (quote, '|' or '>'); a plain scalar ends after its last
/// non-space character, a quoted one after its closing quote, a block scalar at the start of the
/// line after its last line break that it took (or at the end of the text).</summary>
internal sealed partial class FastYamlReader
{
    private static readonly SearchValues<char> PlainStops = SearchValues.Create("\n\r:#*");
    private static readonly SearchValues<char> FlowPlainStops = SearchValues.Create("\n\r:#*,[]{}");
    private static readonly SearchValues<char> DoubleQuotedStops = SearchValues.Create("\"\\\n\r");
    private static readonly SearchValues<char> SingleQuotedStops = SearchValues.Create("'\n\r");

    /// <summary>A plain scalar in block context; it may go on over lines indented past
    /// <paramref name="indent"/>, the enclosing collection's column.</summary>
    private YScalar ReadPlain(int indent)
    {
        var start = _pos;
        var span = SpanAt(start);
        var end = ScanPlain(inFlow: false);
        StringBuilder? folded = null;
        while (!AtEnd && Cur is '\n' or '\r')
        {
            var i = _pos;
            var breaks = 0;
            int lineStart;
            do
            {
                i += _text[i] == '\r' ? 2 : 1;
                breaks++;
                lineStart = i;
                while (At(i) == ' ') i++;
            } while (At(i) is '\n' or '\r');
            if (i >= _text.Length || i - lineStart <= indent || _text[i] == '#') break;
            if (IsIndicator(_text[i])) throw Bail(); // a line that reads like structure: not worth the doubt
            folded ??= new StringBuilder().Append(_text, start, end - start);
            if (breaks == 1) folded.Append(' ');
            else folded.Append('\n', breaks - 1);
            _line += breaks;
            _lineStart = lineStart;
            _pos = i;
            end = ScanPlain(inFlow: false);
            folded.Append(_text, i, end - i);
        }
        return new YScalar(folded?.ToString() ?? ShortStrings.Of(_text, start, end - start), ScalarStyle.Plain, span, start, end);
    }

    /// <summary>A plain scalar inside a flow collection, on one line.</summary>
    private YScalar ReadFlowPlain()
    {
        var start = _pos;
        var span = SpanAt(start);
        var end = ScanPlain(inFlow: true);
        return new YScalar(ShortStrings.Of(_text, start, end - start), ScalarStyle.Plain, span, start, end);
    }

    /// <summary>Moves to where plain text stops on this line (a break, ': ', ' #', or in flow
    /// context a flow indicator) and returns where its last non-space character ends.</summary>
    private int ScanPlain(bool inFlow)
    {
        var stops = inFlow ? FlowPlainStops : PlainStops;
        var end = _pos;
        while (true)
        {
            var k = _text.AsSpan(_pos).IndexOfAny(stops);
            var stop = k < 0 ? _text.Length : _pos + k;
            var run = _text.AsSpan(_pos, stop - _pos).TrimEnd(' ');
            if (run.Length > 0) end = _pos + run.Length;
            _pos = stop;
            if (EndsPlain(inFlow)) return end;
            _pos++;
            end = _pos;
        }
    }

    private bool EndsPlain(bool inFlow) => Cur switch
    {
        '\n' or '\r' or '\0' => true,
        '#' => _text[_pos - 1] == ' ',
        ':' => IsBlankOrEnd(At(_pos + 1)) || (inFlow && At(_pos + 1) is ',' or '[' or ']' or '{' or '}'),
        // After a space YamlDotNet takes '*' for an alias, and then a ': ' no longer ends the scalar.
        '*' => _text[_pos - 1] == ' ' ? throw Bail() : false,
        _ => inFlow,
    };

    /// <summary>A single- or double-quoted scalar. Over lines only in block context, and only with
    /// its lines indented past <paramref name="indent"/>.</summary>
    private YScalar ReadQuoted(int indent, bool inFlow)
    {
        var quote = Cur;
        var start = _pos;
        var span = SpanAt(start);
        var stops = quote == '"' ? DoubleQuotedStops : SingleQuotedStops;
        _pos++;
        var from = _pos;
        StringBuilder? sb = null;
        while (true)
        {
            var k = _text.AsSpan(_pos).IndexOfAny(stops);
            if (k < 0) throw Bail(); // never closed
            _pos += k;
            var c = _text[_pos];
            if (c == quote && (quote == '"' || At(_pos + 1) != '\'')) break;
            sb ??= new StringBuilder();
            if (c == '\'')
            {
                sb.Append(_text, from, _pos + 1 - from); // '' is one quote
                _pos += 2;
            }
            else if (c == '\\')
            {
                sb.Append(_text, from, _pos - from);
                AppendEscape(sb);
            }
            else
            {
                // A line break: spaces around it go; one break is a space, more keep all but one.
                if (inFlow) throw Bail();
                sb.Append(_text.AsSpan(from, _pos - from).TrimEnd(' '));
                var breaks = 0;
                do
                {
                    NextLine();
                    breaks++;
                    SkipSpaces();
                } while (Cur is '\n' or '\r');
                if (AtEnd || Column <= indent) throw Bail();
                if (breaks == 1) sb.Append(' ');
                else sb.Append('\n', breaks - 1);
            }
            from = _pos;
        }
        var value = sb is null ? ShortStrings.Of(_text, from, _pos - from) : sb.Append(_text, from, _pos - from).ToString();
        _pos++;
        return new YScalar(value, quote == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted, span, start, _pos);
    }

    /// <summary>The escapes our writers use (YamlText.Quoted) and JSON's; others go the slow path.</summary>
    private void AppendEscape(StringBuilder sb)
    {
        var c = At(_pos + 1);
        _pos += 2;
        switch (c)
        {
            case '\\': sb.Append('\\'); break;
            case '"': sb.Append('"'); break;
            case '/': sb.Append('/'); break;
            case 'n': sb.Append('\n'); break;
            case 't': sb.Append('\t'); break;
            case 'r': sb.Append('\r'); break;
            case '0': sb.Append('\0'); break;
            case 'N': sb.Append('\u0085'); break;
            case 'L': sb.Append('\u2028'); break;
            case 'P': sb.Append('\u2029'); break;
            case 'u' when _pos + 4 <= _text.Length
                && ushort.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var u)
                && !char.IsSurrogate((char)u):
                sb.Append((char)u);
                _pos += 4;
                break;
            default: throw Bail();
        }
    }

    /// <summary>A literal (|) or folded (>) block scalar, after libyaml's scan_block_scalar.
    /// <paramref name="parentIndent"/> is the enclosing collection's column.</summary>
    private YScalar ReadBlockScalar(int parentIndent)
    {
        var start = _pos;
        var span = SpanAt(start);
        var literal = Cur == '|';
        _pos++;
        int chomp = 0, increment = 0; // chomp: -1 strip ('-'), 0 clip, 1 keep ('+')
        for (var k = 0; k < 2; k++)
        {
            if (chomp == 0 && Cur is '+' or '-') chomp = _text[_pos++] == '+' ? 1 : -1;
            else if (increment == 0 && Cur is >= '1' and <= '9') increment = _text[_pos++] - '0';
        }
        if (!IsBlankOrEnd(Cur)) throw Bail();
        SkipSpaces();
        if (Cur == '#') while (!IsBreakOrEnd(Cur)) _pos++;
        if (Cur is not ('\n' or '\r')) throw Bail(); // more on the header line, or nothing after it
        NextLine();

        var indent = increment > 0 ? parentIndent + increment : 0;
        var body = _pos;
        var end = _pos;
        var breaks = BlockScalarBreaks(ref indent, ref end, parentIndent);
        if (AtEnd || Column != indent) throw Bail(); // empty, or less indented than a blank line before it
        // YamlDotNet has checks of its own for spaces on empty lines before the first line of text
        // and for a first line of spaces only.
        var firstLine = _text.AsSpan(_pos);
        var eol = firstLine.IndexOfAny('\n', '\r');
        if (_text.AsSpan(body, _lineStart - body).ContainsAnyExcept('\n', '\r')
            || !(eol < 0 ? firstLine : firstLine[..eol]).ContainsAnyExcept(' ')) throw Bail();
        var sb = new StringBuilder();
        bool leadingBreak = false, leadingBlank = false;
        while (Column == indent && !AtEnd)
        {
            var trailingBlank = Cur == ' ';
            if (!literal && leadingBreak && !leadingBlank && !trailingBlank)
            {
                if (breaks == 0) sb.Append(' ');
            }
            else if (leadingBreak) sb.Append('\n');
            sb.Append('\n', breaks);
            leadingBlank = trailingBlank;
            var from = _pos;
            while (!IsBreakOrEnd(Cur)) _pos++;
            sb.Append(_text, from, _pos - from);
            leadingBreak = !AtEnd;
            if (leadingBreak) NextLine();
            breaks = BlockScalarBreaks(ref indent, ref end, parentIndent);
        }
        if (chomp != -1 && leadingBreak) sb.Append('\n');
        if (chomp == 1) sb.Append('\n', breaks);
        if (!AtEnd) _pos = _lineStart; // back before the indentation of the line that ended it
        return new YScalar(sb.ToString(), literal ? ScalarStyle.Literal : ScalarStyle.Folded, span, start, end);
    }

    /// <summary>Eats indentation and empty lines, counting the breaks; <paramref name="end"/> is left
    /// at the start of the line after the last break. Sets the indentation when it is still unknown (0).</summary>
    private int BlockScalarBreaks(ref int indent, ref int end, int parentIndent)
    {
        var maxIndent = 0;
        var breaks = 0;
        end = _pos;
        while (true)
        {
            while ((indent == 0 || Column < indent) && Cur == ' ') _pos++;
            maxIndent = Math.Max(maxIndent, Column);
            if (Cur is not ('\n' or '\r')) break;
            NextLine();
            breaks++;
            end = _pos;
        }
        if (indent == 0) indent = Math.Max(Math.Max(maxIndent, parentIndent + 1), 1);
        return breaks;
    }
}
