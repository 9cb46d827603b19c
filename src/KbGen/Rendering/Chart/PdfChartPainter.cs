using KbGen.Rendering.Pdf;
using System.Globalization;
using KbGen.Model;
using KbGen.Rendering.Layout;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace KbGen.Rendering.Chart;

/// <summary>Draws a <see cref="ChartLayout"/> on one landscape page: header (title, question,
/// version, approval), the chart scaled to fit, and a side column with the numbered references
/// and the disclaimer. Vector only. Text never shrinks below the minimum size: a larger paper
/// is tried instead, and if none fits the result says so.</summary>
public static class PdfChartPainter
{
    private const double Margin = 18, ColumnGap = 14, MaxScale = 1.3;
    private const double TitleSize = 16, QuestionSize = 10.5, MetaSize = 9, SideSize = 8;

    /// <param name="measurer">The measurer the layout was computed with (for superscript placement).</param>
    public static ChartPdfResult Paint(ChartLayout layout, ChartPdfRequest request, PdfTextMeasurer? measurer = null)
    {
        var m = measurer ?? new PdfTextMeasurer(request.Fonts);
        var papers = new[] { request.Paper }.Concat(request.LargerPapers)
            .Select(p => p.ToLowerInvariant()).Distinct().ToList();
        var unknown = papers.FirstOrDefault(p => !PaperSize.TryGet(p, out _, out _));
        if (unknown is not null)
            return new ChartPdfResult(null, null, 0, $"Chart for topic '{request.TopicId}': unknown paper size '{unknown}' (use {string.Join(", ", PaperSize.Names)}).");

        var smallest = Math.Min(layout.FontSize, layout.LabelSize);
        var tried = new List<string>();
        foreach (var paper in papers)
        {
            PaperSize.TryGet(paper, out var w, out var h);
            var plan = Plan(layout, request, m, w, h);
            var textSize = smallest * plan.Scale;
            if (plan.SideFits && textSize >= request.MinTextSize - 1e-9)
                return new ChartPdfResult(Render(layout, request, m, w, h, plan), paper, plan.Scale, null);
            tried.Add(plan.SideFits
                ? $"{paper} (text would be {textSize.ToString("0.0", CultureInfo.InvariantCulture)} pt)"
                : $"{paper} (references do not fit)");
        }
        return new ChartPdfResult(null, null, 0,
            $"Chart for topic '{request.TopicId}' does not fit on {string.Join(", ", tried)} with text of at least "
            + $"{request.MinTextSize.ToString("0.#", CultureInfo.InvariantCulture)} pt; allow a larger paper or split the algorithm.");
    }

    private sealed record PagePlan(double Scale, XRect ChartArea, double HeaderBottom, double SideX, double SideWidth,
        List<string> QuestionLines, List<List<string>> RefLines, List<string> DisclaimerLines, bool SideFits);

    private static PagePlan Plan(ChartLayout layout, ChartPdfRequest r, PdfTextMeasurer m, double w, double h)
    {
        var sideW = Math.Clamp(w * 0.24, 170, 260);
        var sideX = w - Margin - sideW;
        var contentW = w - 2 * Margin;
        var question = ChartText.Wrap(r.Question, m, FontStyleKind.Regular, QuestionSize, contentW - 200);
        var headerBottom = Margin + m.LineHeight(FontStyleKind.Bold, TitleSize) + question.Count * m.LineHeight(FontStyleKind.Regular, QuestionSize) + 8;

        var refs = r.References.Select((t, i) =>
            ChartText.Wrap($"{i + 1}. {t}", m, FontStyleKind.Regular, SideSize, sideW)).ToList();
        var disclaimer = string.IsNullOrWhiteSpace(r.Disclaimer) ? [] :
            ChartText.Wrap(r.Disclaimer, m, FontStyleKind.Italic, SideSize, sideW);
        var lh = m.LineHeight(FontStyleKind.Regular, SideSize);
        var sideH = m.LineHeight(FontStyleKind.Bold, 9) + 4 + refs.Sum(x => x.Count * lh + 2) + 10 + disclaimer.Count * lh;
        var sideFits = sideH <= h - Margin - headerBottom - 8;

        // A very long question can push the header past the page: no room is left for the chart
        // (XRect refuses a negative height), so the scale is 0 and the paper is reported as too small.
        var area = new XRect(Margin, headerBottom + 8, Math.Max(0, sideX - ColumnGap - Margin), Math.Max(0, h - Margin - headerBottom - 8));
        var scale = Math.Min(MaxScale, Math.Min(area.Width / Math.Max(1, layout.Width), area.Height / Math.Max(1, layout.Height)));
        return new PagePlan(scale, area, headerBottom, sideX, sideW, question, refs, disclaimer, sideFits);
    }

    private static PdfDocument Render(ChartLayout layout, ChartPdfRequest r, PdfTextMeasurer m, double w, double h, PagePlan p)
    {
        var doc = new PdfDocument();
        // As for handouts (see PdfPainter): PDFsharp's compressed content streams lack a final zlib block.
        doc.Options.CompressContentStreams = false;
        doc.Info.Title = $"{r.Title} — {layout.Title}";
        doc.Info.Subject = r.Question;
        doc.Info.Creator = "KbGen";
        var page = doc.AddPage();
        page.Width = XUnit.FromPoint(w);
        page.Height = XUnit.FromPoint(h);
        using var gfx = XGraphics.FromPdfPage(page);
        var ink = new XSolidBrush(XColor.FromArgb(0x11, 0x11, 0x11));
        var muted = new XSolidBrush(XColor.FromArgb(0x44, 0x4c, 0x56));

        // Header.
        var y = Margin + m.Ascent(FontStyleKind.Bold, TitleSize);
        gfx.DrawString(r.Title, m.Font(FontStyleKind.Bold, TitleSize), ink, Margin, y);
        var meta = string.Join(" · ", new[]
        {
            r.Version is null ? null : $"Version {r.Version}",
            r.ApprovedOn is { } d ? $"Approved {d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "Not yet approved",
        }.Where(s => s is not null));
        // Right of the title: which chart this is, then version and approval.
        var chartTitle = m.Font(FontStyleKind.Bold, MetaSize + 1);
        gfx.DrawString(layout.Title, chartTitle, ink, w - Margin - m.Width(layout.Title, FontStyleKind.Bold, MetaSize + 1), y);
        var metaFont = m.Font(FontStyleKind.Regular, MetaSize);
        var metaY = y + m.LineHeight(FontStyleKind.Regular, MetaSize) + 1;
        gfx.DrawString(meta, metaFont, muted, w - Margin - m.Width(meta, FontStyleKind.Regular, MetaSize), metaY);
        y += m.LineHeight(FontStyleKind.Bold, TitleSize) - m.Ascent(FontStyleKind.Bold, TitleSize) + m.Ascent(FontStyleKind.Regular, QuestionSize);
        foreach (var line in p.QuestionLines)
        {
            gfx.DrawString(line, m.Font(FontStyleKind.Regular, QuestionSize), muted, Margin, y);
            y += m.LineHeight(FontStyleKind.Regular, QuestionSize);
        }
        gfx.DrawLine(new XPen(XColor.FromArgb(0x9a, 0xa8, 0xb8), 0.8), Margin, p.HeaderBottom, w - Margin, p.HeaderBottom);

        // Side column: references, then the disclaimer at the bottom.
        var sy = p.HeaderBottom + 8 + m.Ascent(FontStyleKind.Bold, 9);
        gfx.DrawString("References", m.Font(FontStyleKind.Bold, 9), ink, p.SideX, sy);
        sy += m.LineHeight(FontStyleKind.Bold, 9) + 4 - m.Ascent(FontStyleKind.Bold, 9) + m.Ascent(FontStyleKind.Regular, SideSize);
        var lh = m.LineHeight(FontStyleKind.Regular, SideSize);
        foreach (var lines in p.RefLines)
        {
            foreach (var line in lines) { gfx.DrawString(line, m.Font(FontStyleKind.Regular, SideSize), ink, p.SideX, sy); sy += lh; }
            sy += 2;
        }
        var dy = h - Margin - p.DisclaimerLines.Count * lh + m.Ascent(FontStyleKind.Italic, SideSize);
        foreach (var line in p.DisclaimerLines)
        {
            gfx.DrawString(line, m.Font(FontStyleKind.Italic, SideSize), muted, p.SideX, dy);
            dy += lh;
        }

        // The chart, centred horizontally in its area.
        var state = gfx.Save();
        var offsetX = p.ChartArea.X + (p.ChartArea.Width - layout.Width * p.Scale) / 2;
        gfx.TranslateTransform(offsetX, p.ChartArea.Y);
        gfx.ScaleTransform(p.Scale);
        DrawChart(gfx, layout, m);
        gfx.Restore(state);
        return doc;
    }

    private static XColor Hex(string hex) => XColor.FromArgb(
        int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber), int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber), int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber));

    private static void DrawChart(XGraphics gfx, ChartLayout layout, PdfTextMeasurer m)
    {
        var ink = new XSolidBrush(Hex("#111111"));
        var i = 0;
        foreach (var b in layout.Bands)
        {
            var fill = new XSolidBrush(Hex(i++ % 2 == 0 ? "#eef3f8" : "#f7f9fb"));
            gfx.DrawRectangle(new XPen(Hex("#c5d0dc"), 0.8), fill, b.Rect.X, b.Rect.Y, b.Rect.Width, b.Rect.Height);
            foreach (var l in b.CaptionLines)
                gfx.DrawString(l.Text, m.Font(FontStyleKind.Bold, layout.FontSize), new XSolidBrush(Hex("#1f3a5a")), l.X, l.Baseline);
        }

        var edgeColour = Hex("#333333");
        foreach (var e in layout.Edges)
        {
            var pen = new XPen(edgeColour, 1.2) { LineJoin = XLineJoin.Miter };
            if (e.IsBack) pen.DashStyle = XDashStyle.Dash;
            var pts = e.Points.Select(p => new XPoint(p.X, p.Y)).ToArray();
            if (pts.Length < 2) continue;
            // Stop the line at the arrowhead's base so the tip stays sharp.
            var (tip, from) = (pts[^1], pts[^2]);
            var len = Math.Sqrt((tip.X - from.X) * (tip.X - from.X) + (tip.Y - from.Y) * (tip.Y - from.Y));
            var (ux, uy) = len > 0 ? ((tip.X - from.X) / len, (tip.Y - from.Y) / len) : (0.0, 1.0);
            const double head = 6.5, half = 3.2;
            pts[^1] = new XPoint(tip.X - ux * head * 0.8, tip.Y - uy * head * 0.8);
            gfx.DrawLines(pen, pts);
            gfx.DrawPolygon(new XSolidBrush(edgeColour), [
                tip,
                new XPoint(tip.X - ux * head - uy * half, tip.Y - uy * head + ux * half),
                new XPoint(tip.X - ux * head + uy * half, tip.Y - uy * head - ux * half),
            ], XFillMode.Winding);
        }
        foreach (var e in layout.Edges.Where(e => e.Label is not null && e.LabelRect is not null))
        {
            var r = e.LabelRect!.Value;
            gfx.DrawRectangle(XBrushes.White, r.X - 1, r.Y, r.Width + 2, r.Height);
            gfx.DrawString(e.Label!, m.Font(FontStyleKind.Italic, layout.LabelSize), ink, r.X, e.LabelBaseline);
        }

        foreach (var n in layout.Nodes)
        {
            var (fillHex, strokeHex) = SvgChartPainter.Colours(n.Kind);
            var pen = new XPen(Hex(strokeHex), 1.2);
            var fill = new XSolidBrush(Hex(fillHex));
            var r = n.Rect;
            switch (n.Kind)
            {
                case NodeKind.Decision:
                    gfx.DrawPolygon(pen, fill, [new(r.CenterX, r.Y), new(r.Right, r.CenterY), new(r.CenterX, r.Bottom), new(r.X, r.CenterY)], XFillMode.Winding);
                    break;
                case NodeKind.Step:
                    gfx.DrawRectangle(pen, fill, r.X, r.Y, r.Width, r.Height);
                    break;
                default:
                    var rad = Math.Min(14, r.Height / 2) * 2;
                    gfx.DrawRoundedRectangle(pen, fill, r.X, r.Y, r.Width, r.Height, rad, rad);
                    break;
            }
            var font = m.Font(FontStyleKind.Regular, layout.FontSize);
            for (var k = 0; k < n.Lines.Count; k++)
            {
                var l = n.Lines[k];
                gfx.DrawString(l.Text, font, ink, l.X, l.Baseline);
                if (k == n.Lines.Count - 1 && n.Superscript is not null)
                    gfx.DrawString(n.Superscript, m.Font(FontStyleKind.Regular, layout.SuperscriptSize), ink,
                        l.X + l.Width + 0.5, l.Baseline - layout.FontSize * 0.35);
            }
        }
    }
}
