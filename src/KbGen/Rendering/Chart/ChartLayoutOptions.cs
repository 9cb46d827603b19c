namespace KbGen.Rendering.Chart;

/// <summary>Sizes in points. Defaults suit both the inline SVG and the poster.</summary>
public sealed record ChartLayoutOptions
{
    public double FontSize { get; init; } = 10;
    /// <summary>Widest a box may grow before its text wraps.</summary>
    public double MaxNodeWidth { get; init; } = 180;
    /// <summary>Text width inside a diamond; the diamond itself is wider.</summary>
    public double MaxDecisionTextWidth { get; init; } = 130;
    /// <summary>Left column that holds the phase captions.</summary>
    public double CaptionColumnWidth { get; init; } = 124;
    public double NodeGap { get; init; } = 28;
    public double Margin { get; init; } = 12;
}
