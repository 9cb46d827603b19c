using KbGen.Model;

namespace KbGen.Loading.Markdown;

/// <summary>A content file's text and line index, as positions need them. A topic read from the
/// model cache has no text in memory: it is read only if a diagnostic asks for a position, and
/// used only if its bytes still hash as they did when the topic was cached (else positions fall
/// back to the field's own start).
/// As a position map it serves the file's YAML scalars: folding, quoting and escapes change the
/// text, so each visible character of the value is matched with the next identical character of
/// the raw scalar. Worked out only when a diagnostic asks.</summary>
internal sealed class SourceText : IPositionMap
{
    private readonly Func<string?>? _load;
    private string? _text;
    private LineIndex? _lines;
    private bool _loaded;

    /// <summary>A file read by this build; its line index is made only if a position is asked for.</summary>
    public SourceText(string path, string text)
    {
        Path = path;
        _text = text;
        _loaded = true;
    }

    public SourceText(string path, Func<string?> load)
    {
        Path = path;
        _load = load;
    }

    public string Path { get; }

    public string? Text { get { Load(); return _text; } }
    // Two threads may both make it; either result is the same.
    public LineIndex? Lines { get { Load(); return _text is null ? null : _lines ??= new LineIndex(_text); } }

    public SourceSpan? PositionOf(string value, int rawStart, int rawEnd, int offset)
    {
        if (offset < 0 || offset >= value.Length || Text is not { } fileText || Lines is not { } lines) return null;
        // Align the value up to the offset with the raw scalar.
        var raw = Math.Max(0, rawStart);
        var end = Math.Min(fileText.Length, Math.Max(rawEnd, rawStart));
        var at = -1;
        for (var i = 0; i <= offset; i++)
        {
            var c = value[i];
            if (char.IsWhiteSpace(c)) { at = -1; continue; }
            var found = raw < end ? fileText.IndexOf(c, raw, end - raw) : -1;
            if (found < 0) { at = -1; continue; }
            at = found;
            raw = found + 1;
        }
        if (at < 0) return null;
        var (line, col) = lines.At(at);
        return new SourceSpan(Path, line, col);
    }

    private void Load()
    {
        if (_loaded) return;
        lock (this)
        {
            if (_loaded) return;
            _text = _load!();
            _loaded = true;
        }
    }
}

/// <summary>A region of a Markdown file (a page body): offsets map directly.</summary>
internal sealed class RegionPositionMap(string path, LineIndex lines) : IPositionMap
{
    public SourceSpan? PositionOf(string value, int start, int end, int offset)
    {
        if (offset < 0 || offset >= end - start) return null;
        var (line, col) = lines.At(start + offset);
        return new SourceSpan(path, line, col);
    }
}
