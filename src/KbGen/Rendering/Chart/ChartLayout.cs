using KbGen.Model;

namespace KbGen.Rendering.Chart;

// The computed chart: pure data in points, y growing downwards, origin at the top left.
// Both painters draw exactly this, so the site and the poster cannot disagree.

public readonly record struct ChartPoint(double X, double Y);

public readonly record struct ChartRect(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
    public double CenterX => X + Width / 2;
    public double CenterY => Y + Height / 2;

    /// <summary>True when the open interiors overlap (touching edges do not count).</summary>
    public bool Intersects(ChartRect o) => X < o.Right && o.X < Right && Y < o.Bottom && o.Y < Bottom;

    public bool Contains(ChartRect o) => o.X >= X && o.Right <= Right && o.Y >= Y && o.Bottom <= Bottom;
}

/// <summary>One wrapped line of text: left end of its baseline.</summary>
public sealed record ChartTextLine(string Text, double X, double Baseline, double Width);

/// <summary>A drawn node. <see cref="Superscript"/> ("1,2") follows the last line, set at
/// <see cref="ChartLayout.SuperscriptSize"/>; it comes from the citations in the node text.</summary>
public sealed record ChartNode(
    string Id,
    NodeKind Kind,
    ChartRect Rect,
    IReadOnlyList<ChartTextLine> Lines,
    string? Superscript,
    IReadOnlyList<int> ReferenceNumbers,
    string PlainText,
    int Layer,
    int BandIndex);

/// <summary>An edge as an orthogonal polyline from the source border to the target border.
/// <see cref="IsBack"/> marks edges drawn against the flow (loops such as "reassess").</summary>
public sealed record ChartEdge(
    string From,
    string To,
    string? Label,
    IReadOnlyList<ChartPoint> Points,
    bool IsBack,
    ChartRect? LabelRect,
    double LabelBaseline);

/// <summary>A phase drawn as a horizontal band; the caption sits in a left column.</summary>
public sealed record ChartBand(string PhaseId, string Caption, ChartRect Rect, IReadOnlyList<ChartTextLine> CaptionLines);

public sealed record ChartLayout(
    string Title,
    double Width,
    double Height,
    double FontSize,
    double SuperscriptSize,
    double LabelSize,
    IReadOnlyList<ChartNode> Nodes,
    IReadOnlyList<ChartEdge> Edges,
    IReadOnlyList<ChartBand> Bands)
{
    /// <summary>Nodes in reading order: top to bottom, then left to right.</summary>
    public IEnumerable<ChartNode> ReadingOrder =>
        Nodes.OrderBy(n => n.Layer).ThenBy(n => n.Rect.X).ThenBy(n => n.Id, StringComparer.Ordinal);
}
