namespace KbGen.References.Styles;

/// <summary>A run of reference text. Renderers map Italic to &lt;i&gt; or an italic font and Link to a
/// hyperlink; plain text ignores both.</summary>
public sealed record Segment(string Text, bool Italic = false, string? Link = null);

/// <summary>One formatted reference: the plain text (no markup) and the same text as segments.
/// Concatenating the segments' Text always gives PlainText.</summary>
public sealed record FormattedReference(string PlainText, IReadOnlyList<Segment> Segments);
