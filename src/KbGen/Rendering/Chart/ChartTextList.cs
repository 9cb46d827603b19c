using System.Globalization;
using System.Text;
using KbGen.Model;

namespace KbGen.Rendering.Chart;

/// <summary>The chart as an ordered HTML list for screen readers (and for anyone who prefers
/// text): steps numbered in reading order, grouped under their phase, each naming where it leads.</summary>
public static class ChartTextList
{
    /// <param name="headingLevel">Level of the phase headings (2–6), to fit the page outline.</param>
    /// <param name="beforePhasesHeading">Heading for steps that come before the first phase.</param>
    /// <param name="algorithm">When given, steps follow <see cref="AlgorithmOrder"/>, the order in
    /// which the page numbers citations; else the layout's reading order.</param>
    public static string ToHtml(ChartLayout layout, string idPrefix = "chart", int headingLevel = 3,
        string beforePhasesHeading = AlgorithmOrder.BeforePhases, Algorithm? algorithm = null, Func<int, string?>? referenceId = null)
    {
        var h = Math.Clamp(headingLevel, 2, 6);
        var byId = layout.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var groups = algorithm is null
            ? layout.ReadingOrder.GroupBy(n => n.BandIndex).OrderBy(g => g.Key)
                .Select(g => (Caption: g.Key >= 0 && g.Key < layout.Bands.Count ? layout.Bands[g.Key].Caption : beforePhasesHeading, Nodes: g.ToList()))
                .ToList()
            : AlgorithmOrder.Groups(algorithm)
                .Select(g => (Caption: g.Caption == AlgorithmOrder.BeforePhases ? beforePhasesHeading : g.Caption,
                    Nodes: g.Nodes.Where(n => byId.ContainsKey(n.Id)).Select(n => byId[n.Id]).ToList()))
                .Where(g => g.Nodes.Count > 0).ToList();
        var ordered = groups.SelectMany(g => g.Nodes).ToList();
        var number = ordered.Select((n, i) => (n.Id, i + 1)).ToDictionary(t => t.Id, t => t.Item2, StringComparer.Ordinal);
        var edgesFrom = new Dictionary<string, List<ChartEdge>>(StringComparer.Ordinal);
        foreach (var e in layout.Edges)
        {
            if (!edgesFrom.TryGetValue(e.From, out var list)) edgesFrom[e.From] = list = [];
            list.Add(e);
        }
        var prefix = SvgChartPainter.X(idPrefix);
        var sb = new StringBuilder(512 + 400 * ordered.Count);
        Invariant.To(sb, $"<div class=\"chart-text-list\" id=\"{prefix}-text\">\n");
        foreach (var (caption, group) in groups)
        {
            Invariant.To(sb, $"<h{h}>{SvgChartPainter.X(caption)}</h{h}>\n");
            Invariant.To(sb, $"<ol start=\"{number[group[0].Id].ToString(CultureInfo.InvariantCulture)}\">\n");
            foreach (var n in group)
            {
                Invariant.To(sb, $"<li id=\"{prefix}-step-{SvgChartPainter.X(n.Id)}\">");
                sb.Append(SvgChartPainter.X(n.PlainText));
                if (referenceId is not null && n.ReferenceNumbers.Count > 0)
                    // On a page, citations link to the topic's reference list like every other citation.
                    sb.Append("<sup class=\"cite\">").Append(string.Join(",", n.ReferenceNumbers.Distinct().Order().Select(num =>
                        $"<a href=\"#ref-{SvgChartPainter.X(referenceId(num) ?? "")}\">{num.ToString(CultureInfo.InvariantCulture)}</a>"))).Append("</sup>");
                else if (n.Superscript is not null) Invariant.To(sb, $"<sup>{SvgChartPainter.X(n.Superscript)}</sup>");
                var outs = edgesFrom.GetValueOrDefault(n.Id) ?? [];
                if (outs.Count == 0 && n.Kind == NodeKind.End) sb.Append(" <span class=\"chart-next\">End.</span>");
                foreach (var e in outs)
                {
                    if (!byId.TryGetValue(e.To, out var target)) continue;
                    var step = number[e.To].ToString(CultureInfo.InvariantCulture);
                    var lead = e.Label is null ? "Next" : SvgChartPainter.X(e.Label);
                    Invariant.To(sb, $" <span class=\"chart-next\">{lead}: go to <a href=\"#{prefix}-step-{SvgChartPainter.X(e.To)}\">step {step}</a> ({SvgChartPainter.X(target.PlainText.TrimEnd('.'))}).</span>");
                }
                sb.Append("</li>\n");
            }
            sb.Append("</ol>\n");
        }
        sb.Append("</div>\n");
        return sb.ToString();
    }
}
