using KbGen.Model;

namespace KbGen.Diagnostics;

/// <summary>Collects every problem instead of stopping at the first. Thread-safe, so that
/// parallel loaders and renderers can report into one bag.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly object _gate = new();

    public void Add(DiagnosticDescriptor d, SourceSpan span, string message)
    {
        lock (_gate) _items.Add(new Diagnostic(d.Severity, d.Code, span, message));
    }

    public void Add(Diagnostic diagnostic)
    {
        lock (_gate) _items.Add(diagnostic);
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        // Most files have nothing to report; loading 1,500 of them in parallel need not queue here.
        if (diagnostics is IReadOnlyCollection<Diagnostic> { Count: 0 }) return;
        lock (_gate) _items.AddRange(diagnostics);
    }

    public bool HasErrors { get { lock (_gate) return _items.Any(d => d.IsError); } }
    public int Count { get { lock (_gate) return _items.Count; } }

    /// <summary>Diagnostics sorted by file, line, column and code, so output is stable.</summary>
    public IReadOnlyList<Diagnostic> Sorted()
    {
        lock (_gate)
            return _items
                .Distinct()
                .OrderBy(d => d.Span.File, StringComparer.Ordinal)
                .ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column)
                .ThenBy(d => d.Code, StringComparer.Ordinal)
                .ThenBy(d => d.Message, StringComparer.Ordinal)
                .ToList();
    }

    /// <summary>--warnings-as-errors: the same diagnostics, every warning made an error.</summary>
    public static IReadOnlyList<Diagnostic> Promote(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Select(d => d with { Severity = Severity.Error }).ToList();
}
