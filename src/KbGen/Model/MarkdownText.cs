namespace KbGen.Model;

/// <summary>A citation written as <c>[@id]</c> inside Markdown text. Its position is worked out
/// only when asked for (a diagnostic needs it), from the text it belongs to. A value, kept inline
/// in its text's array: a loaded knowledge base has tens of thousands, and as objects each was
/// marked and copied by the collections of a build. Equal when they cite the same reference.</summary>
public readonly struct Citation(string referenceId, MarkdownText owner, int offset) : IEquatable<Citation>
{
    public string ReferenceId { get; } = referenceId;
    /// <summary>Offset of its <c>[@</c> in the owner's source.</summary>
    internal int Offset { get; } = offset;
    /// <summary>The position of its <c>[@</c> in the file.</summary>
    public SourceSpan Span => owner.PositionOf(Offset);

    public bool Equals(Citation other) => other.ReferenceId == ReferenceId;
    public override bool Equals(object? obj) => obj is Citation c && Equals(c);
    public override int GetHashCode() => ReferenceId?.GetHashCode(StringComparison.Ordinal) ?? 0;
    public static bool operator ==(Citation a, Citation b) => a.Equals(b);
    public static bool operator !=(Citation a, Citation b) => !a.Equals(b);
}

/// <summary>Maps a character offset of a field's value back to its line and column in the file.
/// One map serves every field of a file; <paramref name="start"/> and <paramref name="end"/> are
/// where the field's raw text lies in it.</summary>
public interface IPositionMap
{
    SourceSpan? PositionOf(string value, int start, int end, int offset);
}

/// <summary>A Markdown field as the author wrote it. <see cref="PositionOf"/> maps an offset in
/// <see cref="Source"/> back to the file, so that a problem deep inside a folded or quoted
/// YAML paragraph is reported at its own line and column. The map is computed lazily: a clean
/// build never pays for it.</summary>
public sealed class MarkdownText
{
    // The file's map and the field's place in it, rather than a map object per field: a loaded
    // knowledge base holds tens of thousands of fields, and every object in it is marked and
    // copied by the collections of a build (docs/benchmarks.md).
    private readonly IPositionMap? _map;
    private readonly int _start, _end;

    public MarkdownText(string source, SourceSpan span, IPositionMap? map = null, int start = 0, int end = 0)
    {
        Source = source;
        Span = span;
        _map = map;
        _start = start;
        _end = end;
    }

    public string Source { get; }
    public SourceSpan Span { get; }
    internal IPositionMap? Map => _map;
    /// <summary>Where the field's raw text starts and ends in its file (kept by the model cache).</summary>
    internal int MapStart => _start;
    internal int MapEnd => _end;

    /// <summary>Citations in order of appearance; filled by the loader.</summary>
    public IReadOnlyList<Citation> Citations { get; internal set; } = [];

    public bool IsEmpty => string.IsNullOrWhiteSpace(Source);

    /// <summary>The text as a reader reads it, once computed (see Loading.Markdown.PlainText).
    /// Kept because search, feeds and the reading-level rule each ask for it.</summary>
    internal string? PlainCache { get; set; }

    public SourceSpan PositionOf(int offset) => _map?.PositionOf(Source, _start, _end, offset) ?? Span;

    public override string ToString() => Source;
}
