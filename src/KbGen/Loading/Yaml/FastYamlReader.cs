using System.Buffers;
using KbGen.Model;

namespace KbGen.Loading.Yaml;

/// <summary>A hand-written reader for the subset of YAML that content files use: a block mapping
/// at the root, block mappings and sequences, one-line flow collections, and plain, quoted and
/// block scalars. It builds exactly the tree that <see cref="YamlTreeReader"/> builds from
/// YamlDotNet's events (values, styles, spans and offsets, positions mirroring YamlDotNet's marks)
/// in a fraction of the time. It reports nothing: on anything it is not sure of it returns null,
/// and YamlDotNet reads the text and reports any problem as before. (Its methods are not marked
/// AggressiveOptimization: that kept them out of the ReadyToRun image, so every process compiled
/// them at start-up, while the precompiled code is already optimized.)</summary>
internal sealed partial class FastYamlReader
{
    /// <summary>Well under <see cref="YamlTreeReader.MaxDepth"/>: deeper files take the path that reports them.</summary>
    private const int MaxDepth = 48;

    /// <summary>YamlDotNet refuses simple keys over 1,024 characters.</summary>
    private const int MaxKeyLength = 1000;

    /// <summary>Characters YamlDotNet refuses or reads as line breaks (NEL, LS, PS), tabs (reported
    /// by YamlTreeReader itself), and a byte order mark: all go the slow path.</summary>
    private static readonly SearchValues<char> Unusual = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000B\u000C\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"
        + "\u007F\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F"
        + "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F"
        + "\u2028\u2029\uFEFF\uFFFE\uFFFF");

    /// <summary>Thrown to give up; caught once, in <see cref="Read"/>.</summary>
    private sealed class NotHandled : Exception;

    private readonly string _path;
    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private FastYamlReader(string path, string text)
    {
        _path = path;
        _text = text;
    }

    /// <summary>The document's tree, or null when the text is outside the subset this reader is sure of.</summary>
    public static YNode? Read(string path, string text)
    {
        if (!OnlyCommonCharacters(text)) return null;
        try
        {
            return new FastYamlReader(path, text).ReadDocument();
        }
        catch (NotHandled)
        {
            return null;
        }
    }

    private static bool OnlyCommonCharacters(string text)
    {
        var s = text.AsSpan();
        if (s.IndexOfAny(Unusual) >= 0) return false;
        // Document markers: one document per file is checked on the reporting path.
        if (s.StartsWith("---") || s.StartsWith("...") || s.IndexOf("\n---") >= 0 || s.IndexOf("\n...") >= 0) return false;
        // A CR alone is a line break to YamlDotNet; we only follow LF and CRLF.
        for (var i = s.IndexOf('\r'); i >= 0; )
        {
            if (i + 1 == s.Length || s[i + 1] != '\n') return false;
            var n = s[(i + 2)..].IndexOf('\r');
            i = n < 0 ? -1 : i + 2 + n;
        }
        // YamlDotNet counts a surrogate pair as two columns, as we do; a lone surrogate is refused.
        for (var i = s.IndexOfAnyInRange('\uD800', '\uDFFF'); i >= 0; )
        {
            if (!char.IsHighSurrogate(s[i]) || i + 1 == s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
            var n = s[(i + 2)..].IndexOfAnyInRange('\uD800', '\uDFFF');
            i = n < 0 ? -1 : i + 2 + n;
        }
        return true;
    }

    private static Exception Bail() => new NotHandled();

    private char Cur => _pos < _text.Length ? _text[_pos] : '\0'; // '\0' is never in the text (see Unusual)

    private char At(int i) => i < _text.Length ? _text[i] : '\0';

    private bool AtEnd => _pos >= _text.Length;

    private int Column => _pos - _lineStart;

    private SourceSpan SpanAt(int index) => new(_path, _line, index - _lineStart + 1);

    private static bool IsBreakOrEnd(char c) => c is '\n' or '\r' or '\0';

    private static bool IsBlankOrEnd(char c) => c is ' ' or '\n' or '\r' or '\0';

    /// <summary>Characters that cannot start a plain scalar (or a plain key) here.</summary>
    private static bool IsIndicator(char c) => c is '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#'
        or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or ' ' or '\n' or '\r' or '\0';

    private void NextLine()
    {
        _pos += _text[_pos] == '\r' ? 2 : 1;
        _line++;
        _lineStart = _pos;
    }

    /// <summary>Skips spaces, comments and line breaks. True when it stops at the first content of a
    /// line or at the end; false when something follows on the same line.</summary>
    private bool SkipBlank()
    {
        var lineStart = _text.AsSpan(_lineStart, _pos - _lineStart).IndexOfAnyExcept(' ') < 0;
        while (true)
        {
            while (Cur == ' ') _pos++;
            if (Cur == '#')
            {
                if (_pos > _lineStart && _text[_pos - 1] != ' ') throw Bail();
                while (!IsBreakOrEnd(Cur)) _pos++;
            }
            if (AtEnd) return true;
            if (Cur is not ('\n' or '\r')) return lineStart;
            NextLine();
            lineStart = true;
        }
    }

    /// <summary>Where YamlDotNet's next event starts after a token ending at <paramref name="i"/>:
    /// the next token, past blanks and comments (and commas inside a flow collection).</summary>
    private int NextTokenAt(int i, bool inFlow)
    {
        while (true)
        {
            var c = At(i);
            if (c is ' ' or '\n' or '\r' || (inFlow && c == ',')) i++;
            else if (c == '#') while (!IsBreakOrEnd(At(i))) i++;
            else return i;
        }
    }

    private YNode ReadDocument()
    {
        SkipBlank();
        if (AtEnd || Column != 0) throw Bail();
        var root = ReadBlockMapping(0, 0);
        if (!AtEnd) throw Bail();
        return root;
    }
}
