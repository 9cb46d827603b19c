using KbGen.Rendering.Layout;

namespace KbGen.Tests.Chart;

/// <summary>Fixed-width metrics: every character is 0.55 em, bold a little wider.</summary>
internal sealed class FakeMeasurer : ITextMeasurer
{
    public double Width(string text, FontStyleKind style, double size) =>
        text.Length * size * (style is FontStyleKind.Bold or FontStyleKind.BoldItalic ? 0.6 : 0.55);
    public double LineHeight(FontStyleKind style, double size) => size * 1.2;
    public double Ascent(FontStyleKind style, double size) => size * 0.9;
}
