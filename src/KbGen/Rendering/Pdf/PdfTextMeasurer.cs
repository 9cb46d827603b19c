using System.Collections.Concurrent;
using KbGen.Model;
using KbGen.Rendering.Layout;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace KbGen.Rendering.Pdf;

/// <summary>Text metrics from PDFsharp for one <see cref="FontSet"/>. The painter takes its XFonts
/// from here too, so what is measured is what is drawn. Widths are cached: wrapping measures
/// every word several times. Thread-safe.</summary>
public sealed class PdfTextMeasurer : ITextMeasurer
{
    private readonly ConcurrentDictionary<(FontStyleKind, double), XFont> _fonts = new();
    private readonly ConcurrentDictionary<(FontStyleKind, double), XFont> _workingFonts = new();
    private readonly string _workingFamily;
    private readonly bool[]?[] _working;
    private readonly ConcurrentDictionary<(string, FontStyleKind, double), double> _widths = new();
    private readonly XGraphics _measure;
    private readonly object _gate = new();

    public PdfTextMeasurer(FontSet? fonts = null)
    {
        Family = PdfFonts.Family(fonts);
        (_workingFamily, _working) = PdfFonts.Working(fonts);
        _measure = XGraphics.CreateMeasureContext(new XSize(2000, 2000), XGraphicsUnit.Point, XPageDirection.Downwards);
    }

    /// <summary>The PDFsharp family name resolved by <see cref="PdfFonts"/>.</summary>
    public string Family { get; }

    public XFont Font(FontStyleKind style, double size) => _fonts.GetOrAdd((style, size), key => Create(Family, key.Item1, key.Item2));

    /// <summary>The font to draw <paramref name="text"/> with: the working copy of the font (see
    /// <see cref="PdfFonts.Working"/>) when it has every character of the text, else the whole
    /// font. Both have the same glyphs and metrics for the text, so it looks and measures the same.</summary>
    public XFont Font(FontStyleKind style, double size, string text)
    {
        if (_working[(int)style] is not { } has || text.Length == 0) return Font(style, size);
        foreach (var c in text)
            if (!has[c]) return Font(style, size);
        return _workingFonts.GetOrAdd((style, size), key => Create(_workingFamily, key.Item1, key.Item2));
    }

    private static XFont Create(string family, FontStyleKind style, double size) => new(family, size,
        style switch
        {
            FontStyleKind.Bold => XFontStyleEx.Bold,
            FontStyleKind.Italic => XFontStyleEx.Italic,
            FontStyleKind.BoldItalic => XFontStyleEx.BoldItalic,
            _ => XFontStyleEx.Regular,
        },
        // Unicode (Identity-H) so that é ü – ≥ µ and Greek print; the font is embedded as a subset.
        new XPdfFontOptions(PdfFontEncoding.Unicode));

    public double Width(string text, FontStyleKind style, double size)
    {
        if (text.Length == 0) return 0;
        // The factory takes the measurer as an argument: a lambda capturing it was a new delegate
        // on every call, cached width or not (8 MB per 1,000 charts).
        return _widths.GetOrAdd((text, style, size), static (key, self) =>
        {
            var font = self.Font(key.Item2, key.Item3);
            lock (self._gate) return self._measure.MeasureString(key.Item1, font).Width;
        }, this);
    }

    public double LineHeight(FontStyleKind style, double size) => Font(style, size).GetHeight();

    public double Ascent(FontStyleKind style, double size)
    {
        var font = Font(style, size);
        return font.Metrics.Ascent * size / font.Metrics.UnitsPerEm;
    }
}
