namespace KbGen.Model;

/// <summary>A citation written as <c>[@id]</c> inside Markdown text, with the position of its <c>[@</c>.</summary>
public sealed record Citation(string ReferenceId, SourceSpan Span);

/// <summary>A Markdown field as the author wrote it. <see cref="PositionOf"/> maps an offset in
/// <see cref="Source"/> back to the file, so that a problem deep inside a folded or quoted
/// YAML paragraph is reported at its own line and column.</summary>
public sealed class MarkdownText
{
    private readonly int[] _lines;
    private readonly int[] _columns;

    public MarkdownText(string source, SourceSpan span, int[]? lines = null, int[]? columns = null)
    {
        Source = source;
        Span = span;
        _lines = lines ?? [];
        _columns = columns ?? [];
    }

    public string Source { get; }
    public SourceSpan Span { get; }

    /// <summary>Citations in order of appearance; filled by the loader.</summary>
    public IReadOnlyList<Citation> Citations { get; init; } = [];

    public bool IsEmpty => string.IsNullOrWhiteSpace(Source);

    public SourceSpan PositionOf(int offset)
    {
        if (offset >= 0 && offset < _lines.Length && _lines[offset] > 0)
            return new SourceSpan(Span.File, _lines[offset], _columns[offset]);
        return Span;
    }

    public override string ToString() => Source;
}
