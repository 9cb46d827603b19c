using System.Globalization;
using System.Text;
using KbGen.Model;

namespace KbGen.Rendering.Chart;

/// <summary>Draws a <see cref="ChartLayout"/> as an SVG fragment to inline in a page. Pages run
/// under a strict Content-Security-Policy, so there are no style attributes: presentation
/// attributes and classes only. All text is escaped; output is byte-for-byte deterministic.</summary>
public static class SvgChartPainter
{
    public const string FontFamily = "'DejaVu Sans', Verdana, Arial, sans-serif";

    /// <param name="idPrefix">Prefix for element ids, unique on the page (several charts may share one).</param>
    /// <param name="description">Text for &lt;desc&gt;; by default says a text version follows.</param>
    public static string Paint(ChartLayout layout, string idPrefix = "chart", string? description = null)
    {
        var id = SafeId(idPrefix);
        var desc = description ?? $"Flowchart with {layout.Nodes.Count} steps"
            + (layout.Bands.Count > 0 ? $" in {layout.Bands.Count} phases ({string.Join("; ", layout.Bands.Select(b => b.Caption))})" : "")
            + ". The same algorithm follows as a numbered text list.";
        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"kb-chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"")
          .Append($" viewBox=\"0 0 {F(layout.Width)} {F(layout.Height)}\" width=\"100%\" preserveAspectRatio=\"xMidYMin meet\"")
          .Append($" font-family=\"{FontFamily}\" font-size=\"{F(layout.FontSize)}\">\n");
        sb.Append($"<title id=\"{id}-title\">{X(layout.Title)}</title>\n");
        sb.Append($"<desc id=\"{id}-desc\">{X(desc)}</desc>\n");
        sb.Append("<defs>")
          .Append($"<marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
          .Append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333333\"/></marker></defs>\n");

        sb.Append("<g class=\"bands\">\n");
        var i = 0;
        foreach (var b in layout.Bands)
        {
            var fill = i++ % 2 == 0 ? "#eef3f8" : "#f7f9fb";
            sb.Append($"<rect class=\"band\" data-phase-id=\"{X(b.PhaseId)}\" x=\"{F(b.Rect.X)}\" y=\"{F(b.Rect.Y)}\" width=\"{F(b.Rect.Width)}\" height=\"{F(b.Rect.Height)}\" fill=\"{fill}\" stroke=\"#c5d0dc\" stroke-width=\"0.8\"/>\n");
            sb.Append("<text class=\"band-caption\" font-weight=\"bold\" fill=\"#1f3a5a\">");
            foreach (var l in b.CaptionLines)
                sb.Append($"<tspan x=\"{F(l.X)}\" y=\"{F(l.Baseline)}\">{X(l.Text)}</tspan>");
            sb.Append("</text>\n");
        }
        sb.Append("</g>\n<g class=\"edges\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1.2\">\n");
        foreach (var e in layout.Edges)
        {
            var pts = string.Join(" ", e.Points.Select(p => $"{F(p.X)},{F(p.Y)}"));
            sb.Append($"<polyline class=\"edge{(e.IsBack ? " edge-back" : "")}\" data-from=\"{X(e.From)}\" data-to=\"{X(e.To)}\" points=\"{pts}\" marker-end=\"url(#{id}-arrow)\"")
              .Append(e.IsBack ? " stroke-dasharray=\"5 3\"" : "").Append("/>\n");
        }
        sb.Append("</g>\n<g class=\"edge-labels\" fill=\"#333333\">\n");
        foreach (var e in layout.Edges.Where(e => e.Label is not null && e.LabelRect is not null))
        {
            var r = e.LabelRect!.Value;
            sb.Append($"<rect x=\"{F(r.X - 1)}\" y=\"{F(r.Y)}\" width=\"{F(r.Width + 2)}\" height=\"{F(r.Height)}\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>")
              .Append($"<text class=\"edge-label\" x=\"{F(r.X)}\" y=\"{F(e.LabelBaseline)}\" font-size=\"{F(layout.LabelSize)}\" font-style=\"italic\">{X(e.Label!)}</text>\n");
        }
        sb.Append("</g>\n<g class=\"nodes\">\n");
        foreach (var n in layout.Nodes)
        {
            var r = n.Rect;
            var kind = KindName(n.Kind);
            var (fill, stroke) = Colours(n.Kind);
            var common = $"class=\"node node-{kind}\" data-node-id=\"{X(n.Id)}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.2\"";
            sb.Append(n.Kind switch
            {
                NodeKind.Decision => $"<polygon {common} points=\"{F(r.CenterX)},{F(r.Y)} {F(r.Right)},{F(r.CenterY)} {F(r.CenterX)},{F(r.Bottom)} {F(r.X)},{F(r.CenterY)}\"/>",
                NodeKind.Step => $"<rect {common} x=\"{F(r.X)}\" y=\"{F(r.Y)}\" width=\"{F(r.Width)}\" height=\"{F(r.Height)}\" rx=\"2\"/>",
                _ => $"<rect {common} x=\"{F(r.X)}\" y=\"{F(r.Y)}\" width=\"{F(r.Width)}\" height=\"{F(r.Height)}\" rx=\"{F(Math.Min(14, r.Height / 2))}\"/>",
            });
            // Centred lines: browser fonts differ from our metrics, so anchor at the middle.
            sb.Append($"<text class=\"node-text\" text-anchor=\"middle\" fill=\"#111111\">");
            for (var k = 0; k < n.Lines.Count; k++)
            {
                var l = n.Lines[k];
                sb.Append($"<tspan x=\"{F(r.CenterX)}\" y=\"{F(l.Baseline)}\">{X(l.Text)}");
                if (k == n.Lines.Count - 1 && n.Superscript is not null)
                    sb.Append($"<tspan class=\"cite\" baseline-shift=\"super\" font-size=\"{F(layout.SuperscriptSize)}\">{X(n.Superscript)}</tspan>");
                sb.Append("</tspan>");
            }
            sb.Append("</text>\n");
        }
        sb.Append("</g>\n</svg>\n");
        return sb.ToString();
    }

    public static string KindName(NodeKind k) => k switch
    {
        NodeKind.Start => "start",
        NodeKind.Decision => "decision",
        NodeKind.End => "end",
        _ => "step",
    };

    internal static (string Fill, string Stroke) Colours(NodeKind k) => k switch
    {
        NodeKind.Start => ("#dff0e3", "#2e6b3c"),
        NodeKind.End => ("#fbe9d7", "#8a4b12"),
        NodeKind.Decision => ("#fff7d6", "#7a6410"),
        _ => ("#ffffff", "#34506e"),
    };

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>XML escape for text and attribute values; drops characters XML cannot hold.</summary>
    internal static string X(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            // Unpaired surrogates cannot be encoded; pairs pass through.
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { sb.Append(c).Append(s[++i]); continue; }
            if (char.IsSurrogate(c)) continue;
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    if (c >= 0x20 || c is '\t' or '\n' or '\r') { if (c is not ('\uFFFE' or '\uFFFF')) sb.Append(c); }
                    break;
            }
        }
        return sb.ToString();
    }

    private static string SafeId(string s)
    {
        var chars = s.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray();
        var id = new string(chars);
        return id.Length == 0 || !char.IsAsciiLetter(id[0]) ? "c" + id : id;
    }
}
