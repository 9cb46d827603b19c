using System.Globalization;
using System.Text;
using KbGen.Model;

namespace KbGen.Rendering.Chart;

/// <summary>Draws a <see cref="ChartLayout"/> as an SVG fragment to inline in a page. Pages run
/// under a strict Content-Security-Policy, so there are no style attributes: presentation
/// attributes and classes only. All text is escaped; output is byte-for-byte deterministic:
/// numbers are written "0.##" in the invariant culture, straight into the builder
/// (<see cref="Invariant"/>).</summary>
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
        // Sized for the chart (about 600 characters a node with its edges): grown block by block it
        // was a third of a topic page's garbage.
        var sb = new StringBuilder(1024 + 600 * layout.Nodes.Count + 100 * layout.Edges.Count);
        Invariant.To(sb, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"kb-chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"");
        Invariant.To(sb, $" viewBox=\"0 0 {layout.Width:0.##} {layout.Height:0.##}\" width=\"100%\" preserveAspectRatio=\"xMidYMin meet\"");
        Invariant.To(sb, $" font-family=\"{FontFamily}\" font-size=\"{layout.FontSize:0.##}\">\n");
        Invariant.To(sb, $"<title id=\"{id}-title\">{X(layout.Title)}</title>\n");
        Invariant.To(sb, $"<desc id=\"{id}-desc\">{X(desc)}</desc>\n");
        sb.Append("<defs>");
        Invariant.To(sb, $"<marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">");
        sb.Append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333333\"/></marker></defs>\n");

        sb.Append("<g class=\"bands\">\n");
        var i = 0;
        foreach (var b in layout.Bands)
        {
            var fill = i++ % 2 == 0 ? "#eef3f8" : "#f7f9fb";
            Invariant.To(sb, $"<rect class=\"band\" data-phase-id=\"{X(b.PhaseId)}\" x=\"{b.Rect.X:0.##}\" y=\"{b.Rect.Y:0.##}\" width=\"{b.Rect.Width:0.##}\" height=\"{b.Rect.Height:0.##}\" fill=\"{fill}\" stroke=\"#c5d0dc\" stroke-width=\"0.8\"/>\n");
            sb.Append("<text class=\"band-caption\" font-weight=\"bold\" fill=\"#1f3a5a\">");
            foreach (var l in b.CaptionLines)
                Invariant.To(sb, $"<tspan x=\"{l.X:0.##}\" y=\"{l.Baseline:0.##}\">{X(l.Text)}</tspan>");
            sb.Append("</text>\n");
        }
        sb.Append("</g>\n<g class=\"edges\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1.2\">\n");
        foreach (var e in layout.Edges)
        {
            Invariant.To(sb, $"<polyline class=\"edge{(e.IsBack ? " edge-back" : "")}\" data-from=\"{X(e.From)}\" data-to=\"{X(e.To)}\" points=\"");
            for (var k = 0; k < e.Points.Count; k++)
            {
                if (k > 0) sb.Append(' ');
                Invariant.To(sb, $"{e.Points[k].X:0.##},{e.Points[k].Y:0.##}");
            }
            Invariant.To(sb, $"\" marker-end=\"url(#{id}-arrow)\"")
              .Append(e.IsBack ? " stroke-dasharray=\"5 3\"" : "").Append("/>\n");
        }
        sb.Append("</g>\n<g class=\"edge-labels\" fill=\"#333333\">\n");
        foreach (var e in layout.Edges.Where(e => e.Label is not null && e.LabelRect is not null))
        {
            var r = e.LabelRect!.Value;
            Invariant.To(sb, $"<rect x=\"{(r.X - 1):0.##}\" y=\"{r.Y:0.##}\" width=\"{(r.Width + 2):0.##}\" height=\"{r.Height:0.##}\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>");
            Invariant.To(sb, $"<text class=\"edge-label\" x=\"{r.X:0.##}\" y=\"{e.LabelBaseline:0.##}\" font-size=\"{layout.LabelSize:0.##}\" font-style=\"italic\">{X(e.Label!)}</text>\n");
        }
        sb.Append("</g>\n<g class=\"nodes\">\n");
        foreach (var n in layout.Nodes)
        {
            var r = n.Rect;
            var kind = KindName(n.Kind);
            var (fill, stroke) = Colours(n.Kind);
            var common = $"class=\"node node-{kind}\" data-node-id=\"{X(n.Id)}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.2\"";
            if (n.Kind == NodeKind.Decision)
                Invariant.To(sb, $"<polygon {common} points=\"{r.CenterX:0.##},{r.Y:0.##} {r.Right:0.##},{r.CenterY:0.##} {r.CenterX:0.##},{r.Bottom:0.##} {r.X:0.##},{r.CenterY:0.##}\"/>");
            else if (n.Kind == NodeKind.Step)
                Invariant.To(sb, $"<rect {common} x=\"{r.X:0.##}\" y=\"{r.Y:0.##}\" width=\"{r.Width:0.##}\" height=\"{r.Height:0.##}\" rx=\"2\"/>");
            else
                Invariant.To(sb, $"<rect {common} x=\"{r.X:0.##}\" y=\"{r.Y:0.##}\" width=\"{r.Width:0.##}\" height=\"{r.Height:0.##}\" rx=\"{Math.Min(14, r.Height / 2):0.##}\"/>");
            // Centred lines: browser fonts differ from our metrics, so anchor at the middle.
            Invariant.To(sb, $"<text class=\"node-text\" text-anchor=\"middle\" fill=\"#111111\">");
            for (var k = 0; k < n.Lines.Count; k++)
            {
                var l = n.Lines[k];
                Invariant.To(sb, $"<tspan x=\"{r.CenterX:0.##}\" y=\"{l.Baseline:0.##}\">{X(l.Text)}");
                if (k == n.Lines.Count - 1 && n.Superscript is not null)
                    Invariant.To(sb, $"<tspan class=\"cite\" baseline-shift=\"super\" font-size=\"{layout.SuperscriptSize:0.##}\">{X(n.Superscript)}</tspan>");
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


    /// <summary>XML escape for text and attribute values; drops characters XML cannot hold.</summary>
    internal static string X(string s)
    {
        // Most text needs nothing escaped or dropped: then it is its own escape.
        if (!s.AsSpan().ContainsAny(NeedsWork)) return s;
        var sb = new StringBuilder(s.Length + 16);
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

    /// <summary>What <see cref="X"/> escapes or drops: markup characters, control characters but
    /// tab and line breaks, surrogates (pairs are kept, but checked) and U+FFFE, U+FFFF.</summary>
    private static readonly System.Buffers.SearchValues<char> NeedsWork = System.Buffers.SearchValues.Create(
        "&<>\"'" + new string(Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c).ToArray())
        + new string(Enumerable.Range(0xD800, 0x800).Select(c => (char)c).ToArray()) + "\uFFFE\uFFFF");

    private static string SafeId(string s)
    {
        var chars = s.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray();
        var id = new string(chars);
        return id.Length == 0 || !char.IsAsciiLetter(id[0]) ? "c" + id : id;
    }
}
