using Markdig.Syntax.Inlines;

namespace KbGen.Loading.Markdown;

/// <summary>A Pandoc-style citation <c>[@a; @b]</c> in Markdown. <see cref="Error"/> is set when
/// the author wrote something citation-like that is not a valid citation (<c>[@]</c>).</summary>
public sealed class CitationInline : LeafInline
{
    public required IReadOnlyList<string> Ids { get; init; }
    /// <summary>Offset of each id's <c>@</c> in the Markdown source, for positions.</summary>
    public required IReadOnlyList<int> IdOffsets { get; init; }
    public string? Error { get; init; }
}
