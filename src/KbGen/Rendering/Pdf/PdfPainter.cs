using KbGen.Rendering.Layout;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace KbGen.Rendering.Pdf;

/// <summary>Document information written into the PDF (Info dictionary and catalog /Lang).</summary>
public sealed record PdfMetadata(string Title)
{
    public string? Author { get; init; }
    public string? Subject { get; init; }
    public string? Keywords { get; init; }
    /// <summary>BCP 47 language of the content, e.g. "en".</summary>
    public string Language { get; init; } = "en";
    public string Creator { get; init; } = "KbGen";
}

public sealed record PdfPaintOptions(PdfMetadata Metadata)
{
    /// <summary>Diagonal text behind the content of every page, e.g. "DRAFT — NOT FOR CLINICAL USE".</summary>
    public string? Watermark { get; init; }
    public Rgb WatermarkColor { get; init; } = Rgb.Gray(222);
    /// <summary>One bookmark per heading, nested by level.</summary>
    public bool Bookmarks { get; init; } = true;
    /// <summary>Tag the content (headings, paragraphs, figures with alt text; watermark, rules and
    /// page numbers as artifacts) so that screen readers and reflow can follow it.</summary>
    public bool Tagged { get; init; } = true;
}

/// <summary>Draws laid-out pages with PDFsharp. Layout must have used the same
/// <see cref="PdfTextMeasurer"/> (it supplies the fonts). Save the result with
/// <see cref="PdfOutput.Save"/> for reproducible bytes.</summary>
public static class PdfPainter
{
    public static PdfDocument Paint(LaidOutDocument layout, PdfTextMeasurer fonts, PdfPaintOptions options)
    {
        PdfFonts.EnsureInitialised();
        var document = new PdfDocument();
        document.Info.Title = options.Metadata.Title;
        if (options.Metadata.Author != null) document.Info.Author = options.Metadata.Author;
        if (options.Metadata.Subject != null) document.Info.Subject = options.Metadata.Subject;
        if (options.Metadata.Keywords != null) document.Info.Keywords = options.Metadata.Keywords;
        document.Info.Creator = options.Metadata.Creator;
        document.Language = options.Metadata.Language;
        document.ViewerPreferences.DisplayDocTitle = true;
        // PDFsharp 6.5 leaves compressed content streams without a final zlib block: viewers
        // cope, but qpdf --check warns. Pages stay small, so write them uncompressed.
        document.Options.CompressContentStreams = false;
        // Font subsets are most of the bytes and their Flate compression was a fifth of a
        // handout's time; zlib level 1 takes about half as long for files about 12% larger.
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;

        var images = new Dictionary<byte[], XImage>(ReferenceEqualityComparer.Instance);
        var brushes = new Dictionary<Rgb, XSolidBrush>(); // one per colour, not one per text command
        var pages = new List<PdfPage>();
        PdfTagger? tags = null;
        if (options.Tagged)
        {
            var ua = UAManager.ForDocument(document);
            ua.SetDocumentLanguage(options.Metadata.Language); // the manager otherwise sets its own default
            tags = new PdfTagger(ua);
        }
        foreach (var laid in layout.Pages)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(layout.Page.Width);
            page.Height = XUnit.FromPoint(layout.Page.Height);
            pages.Add(page);
            using var gfx = XGraphics.FromPdfPage(page);
            if (options.Watermark is { Length: > 0 } mark)
            {
                tags?.Artifact();
                DrawWatermark(gfx, fonts, mark, options.WatermarkColor, layout.Page);
            }
            foreach (var command in laid.Commands)
            {
                tags?.Before(command);
                Draw(gfx, page, fonts, command, images, brushes, layout.Page.Height);
            }
            tags?.EndPage();
        }
        if (options.Bookmarks) AddBookmarks(document, pages, layout);
        return document;
    }

    private static void Draw(XGraphics gfx, PdfPage page, PdfTextMeasurer fonts, DrawCommand command, Dictionary<byte[], XImage> images,
        Dictionary<Rgb, XSolidBrush> brushes, double pageHeight)
    {
        switch (command)
        {
            case TextCommand t:
                var font = fonts.Font(t.Style, t.Size, t.Text);
                if (!brushes.TryGetValue(t.Color, out var brush)) brushes[t.Color] = brush = new XSolidBrush(Color(t.Color));
                gfx.DrawString(t.Text, font, brush, t.X, t.Baseline, XStringFormats.BaseLineLeft);
                if (t.Link != null)
                {
                    // Annotation rectangles are in PDF space: origin bottom left.
                    var top = t.Baseline - fonts.Ascent(t.Style, t.Size);
                    var height = fonts.LineHeight(t.Style, t.Size);
                    page.AddWebLink(new PdfRectangle(new XRect(t.X, pageHeight - top - height, t.Width, height)), t.Link);
                }
                break;
            case RectCommand r:
                var rect = new XRect(r.X, r.Y, r.Width, r.Height);
                if (r.Fill is { } fill && r.Stroke is { } s1) gfx.DrawRectangle(new XPen(Color(s1), r.StrokeWidth), new XSolidBrush(Color(fill)), rect);
                else if (r.Fill is { } f) gfx.DrawRectangle(new XSolidBrush(Color(f)), rect);
                else if (r.Stroke is { } s2) gfx.DrawRectangle(new XPen(Color(s2), r.StrokeWidth), rect);
                break;
            case LineCommand l:
                gfx.DrawLine(new XPen(Color(l.Color), l.Thickness), l.X1, l.Y1, l.X2, l.Y2);
                break;
            case ImageCommand i:
                // One XImage per byte array, so a repeated image (a logo) is embedded once.
                if (!images.TryGetValue(i.Data, out var image))
                {
                    images[i.Data] = image = XImage.FromStream(new MemoryStream(i.Data, writable: false));
                    image.Interpolate = i.Interpolate;
                }
                gfx.DrawImage(image, i.X, i.Y, i.Width, i.Height);
                break;
        }
    }

    /// <summary>Real (selectable) text, drawn first so that content covers it, along the page
    /// diagonal and sized to span most of it.</summary>
    private static void DrawWatermark(XGraphics gfx, PdfTextMeasurer fonts, string text, Rgb color, PageSpec page)
    {
        var diagonal = Math.Sqrt(page.Width * page.Width + page.Height * page.Height);
        var size = Math.Min(72, diagonal * 0.75 / Math.Max(1, fonts.Width(text, FontStyleKind.Bold, 10) / 10));
        var angle = -Math.Atan2(page.Height, page.Width) * 180 / Math.PI;
        var state = gfx.Save();
        gfx.TranslateTransform(page.Width / 2, page.Height / 2);
        gfx.RotateTransform(angle);
        gfx.DrawString(text, fonts.Font(FontStyleKind.Bold, size, text), new XSolidBrush(Color(color)), 0, size * 0.35, XStringFormats.BaseLineCenter);
        gfx.Restore(state);
    }

    /// <summary>Nested outline: a heading becomes a child of the nearest preceding heading of a
    /// lower level; the destination is the heading's position on its page.</summary>
    private static void AddBookmarks(PdfDocument document, List<PdfPage> pages, LaidOutDocument layout)
    {
        var open = new List<(int Level, PdfOutline Outline)>();
        foreach (var entry in layout.Outline)
        {
            while (open.Count > 0 && open[^1].Level >= entry.Level) open.RemoveAt(open.Count - 1);
            var parent = open.Count > 0 ? open[^1].Outline.Outlines : document.Outlines;
            var outline = parent.Add(entry.Text, pages[entry.PageIndex], true);
            outline.PageDestinationType = PdfPageDestinationType.Xyz;
            outline.Left = 0;
            outline.Top = layout.Page.Height - entry.Y; // PDF space: y up from the bottom
            open.Add((entry.Level, outline));
        }
    }

    private static XColor Color(Rgb c) => XColor.FromArgb(c.R, c.G, c.B);
}
