using KbGen.Model;

namespace KbGen.Loading.Markdown;

/// <summary>A YAML scalar's value aligned with the file's raw text: folding, quoting and escapes
/// change the text, so each visible character of the value is matched with the next identical
/// character of the raw scalar. Computed on first use, then kept.</summary>
internal sealed class ScalarPositionMap(string value, SourceText source, int rawStart, int rawEnd) : IPositionMap
{
    private int[]? _rawOffsets;

    /// <summary>Where the scalar's raw text starts and ends in the file (kept by the model cache).</summary>
    public int RawStart => rawStart;
    public int RawEnd => rawEnd;
    public SourceText Source => source;

    public SourceSpan? PositionOf(int offset)
    {
        var raw = _rawOffsets ??= Align();
        if (offset < 0 || offset >= raw.Length || raw[offset] < 0) return null;
        if (source.Lines is not { } lines) return null;
        var (line, col) = lines.At(raw[offset]);
        return new SourceSpan(source.Path, line, col);
    }

    private int[] Align()
    {
        var result = new int[value.Length];
        var fileText = source.Text;
        if (fileText is null) { Array.Fill(result, -1); return result; }
        var raw = Math.Max(0, rawStart);
        var end = Math.Min(fileText.Length, Math.Max(rawEnd, rawStart));
        for (var i = 0; i < value.Length; i++)
        {
            result[i] = -1;
            var c = value[i];
            if (char.IsWhiteSpace(c)) continue;
            var found = fileText.IndexOf(c, raw, end - raw);
            if (found < 0) continue;
            result[i] = found;
            raw = found + 1;
        }
        return result;
    }
}

/// <summary>A content file's text and line index, as positions need them. A topic read from the
/// model cache has no text in memory: it is read only if a diagnostic asks for a position, and
/// used only if its bytes still hash as they did when the topic was cached (else positions fall
/// back to the field's own start).</summary>
internal sealed class SourceText
{
    private readonly Func<string?>? _load;
    private string? _text;
    private LineIndex? _lines;
    private bool _loaded;

    public SourceText(string path, string text, LineIndex lines)
    {
        Path = path;
        _text = text;
        _lines = lines;
        _loaded = true;
    }

    public SourceText(string path, Func<string?> load)
    {
        Path = path;
        _load = load;
    }

    public string Path { get; }

    public string? Text { get { Load(); return _text; } }
    public LineIndex? Lines { get { Load(); return _lines; } }

    private void Load()
    {
        if (_loaded) return;
        lock (this)
        {
            if (_loaded) return;
            _text = _load!();
            _lines = _text is null ? null : new LineIndex(_text);
            _loaded = true;
        }
    }
}

/// <summary>A region of a Markdown file (a page body): offsets map directly.</summary>
internal sealed class RegionPositionMap(int start, int length, string path, LineIndex lines) : IPositionMap
{
    public SourceSpan? PositionOf(int offset)
    {
        if (offset < 0 || offset >= length) return null;
        var (line, col) = lines.At(start + offset);
        return new SourceSpan(path, line, col);
    }
}
