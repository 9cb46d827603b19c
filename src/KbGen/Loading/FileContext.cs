using KbGen.Diagnostics;
using KbGen.Loading.Markdown;
using KbGen.Loading.Yaml;
using KbGen.Model;

namespace KbGen.Loading;

/// <summary>What readers of one file share: its display path, its text, and the diagnostics bag.</summary>
public sealed class FileContext(string path, string text, DiagnosticBag diagnostics)
{
    private LineIndex? _lines;
    private SourceText? _source;

    public string Path { get; } = path;
    public string Text { get; } = text;
    public DiagnosticBag Diagnostics { get; } = diagnostics;
    public LineIndex Lines => _lines ??= new LineIndex(Text);

    public MarkdownText Markdown(YScalar s) =>
        MarkdownReader.FromScalar(s.Value, _source ??= new SourceText(Path, Text), s.StartOffset, s.EndOffset, s.Span, Diagnostics);
}
