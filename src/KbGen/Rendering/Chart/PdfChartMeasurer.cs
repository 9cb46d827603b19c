using System.Collections.Concurrent;
using KbGen.Rendering.Layout;
using KbGen.Rendering.Pdf;
using PdfSharp.Drawing;

namespace KbGen.Rendering.Chart;

/// <summary>Real font metrics from PDFsharp, so a layout measured with it fits exactly when
/// painted by <see cref="PdfChartPainter"/>. The SVG uses the same layout (same font first
/// in its font-family list).</summary>
public sealed class PdfChartMeasurer : ITextMeasurer
{
    private readonly string _family;
    private readonly XGraphics _gfx;
    private readonly ConcurrentDictionary<(FontStyleKind, double), XFont> _fonts = new();

    public PdfChartMeasurer(KbGen.Model.FontSet? fonts = null)
    {
        _family = PdfFonts.Family(fonts);
        _gfx = XGraphics.CreateMeasureContext(new XSize(2000, 2000), XGraphicsUnit.Point, XPageDirection.Downwards);
    }

    public XFont Font(FontStyleKind style, double size) => _fonts.GetOrAdd((style, size), k => new XFont(_family, k.Item2, k.Item1 switch
    {
        FontStyleKind.Bold => XFontStyleEx.Bold,
        FontStyleKind.Italic => XFontStyleEx.Italic,
        FontStyleKind.BoldItalic => XFontStyleEx.BoldItalic,
        _ => XFontStyleEx.Regular,
    }));

    public double Width(string text, FontStyleKind style, double size)
    {
        lock (_gfx) return text.Length == 0 ? 0 : _gfx.MeasureString(text, Font(style, size)).Width;
    }

    public double LineHeight(FontStyleKind style, double size) => Font(style, size).GetHeight();

    public double Ascent(FontStyleKind style, double size)
    {
        var f = Font(style, size);
        return f.Metrics.Ascent * size / f.Metrics.UnitsPerEm;
    }
}
