using KbGen.Model;
using KbGen.Rendering.Layout;

namespace KbGen.Rendering.Chart;

/// <summary>Layered (Sugiyama-style) top-to-bottom layout of an algorithm: break cycles, layer
/// within phase bands, order to reduce crossings, size to wrapped text, place, route.
/// Pure: the same input gives the same <see cref="ChartLayout"/>.</summary>
public static class ChartLayoutEngine
{
    private const double PadX = 10, PadY = 6, DummyWidth = 8, DummyGap = 14;
    private const double TrackGap = 7, ChannelPad = 8, BandPad = 8, LaneGap = 10, MinChannel = 16;

    private sealed record LEdge(int From, int To, string? Label, bool IsBack)
    {
        public List<int> Chain = [];   // forward edges: elements from source to target
        public bool ExitRight, EnterRight;
        public int Lane;
    }

    public static ChartLayout Compute(Algorithm algorithm, ITextMeasurer measurer,
        Func<string, int> referenceNumber, ChartLayoutOptions? options = null)
    {
        var o = options ?? new ChartLayoutOptions();
        var nodes = algorithm.Nodes;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++) index.TryAdd(nodes[i].Id, i);
        var phaseIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < algorithm.Phases.Count; i++) phaseIndex.TryAdd(algorithm.Phases[i].Id, i);

        // Edges to unknown nodes are validation errors; the chart leaves them out.
        var raw = new List<(int From, int To, string? Label)>();
        for (var i = 0; i < nodes.Count; i++)
            if (index[nodes[i].Id] == i)
                foreach (var (target, label) in nodes[i].Edges)
                    if (index.TryGetValue(target, out var t)) raw.Add((i, t, label));

        var back = FindBackEdges(nodes.Count, raw, index.GetValueOrDefault(algorithm.Start, 0));
        var band = AssignBands(algorithm, nodes, phaseIndex, raw, back);

        // An edge is drawn as a back edge when it closes a cycle or runs against the phases.
        var edges = raw.Select((e, k) =>
        {
            var (f, t) = back[k] ? (e.To, e.From) : (e.From, e.To);
            if (band[f] > band[t]) (f, t) = (t, f);
            return new LEdge(e.From, e.To, e.Label, e.From == e.To || f != e.From);
        }).ToList();

        var layer = AssignLayers(nodes.Count, edges, band, index.GetValueOrDefault(algorithm.Start, 0), out var layerCount);

        // Node content and size.
        var supSize = Math.Round(o.FontSize * 0.7, 2);
        var labelSize = o.FontSize; // same as node text: the PDF keeps both above its minimum size
        // Metrics of the node font, asked once rather than per node.
        var nodeLh = measurer.LineHeight(FontStyleKind.Regular, o.FontSize);
        var nodeAscent = measurer.Ascent(FontStyleKind.Regular, o.FontSize);
        var content = nodes.Select(n => NodeContent(n, measurer, referenceNumber, o, supSize, nodeLh)).ToArray();

        var g = new ChartGraph();
        var elementOf = new int[nodes.Count];
        var live = Enumerable.Range(0, nodes.Count).Where(i => index[nodes[i].Id] == i).ToList();
        foreach (var i in DepthFirstOrder(nodes.Count, edges, index.GetValueOrDefault(algorithm.Start, 0), live))
            elementOf[i] = g.Add(new ChartGraph.Element { Node = i, Layer = layer[i], Width = content[i].W, Height = content[i].H });
        while (g.Layers.Count < layerCount) g.Layers.Add([]);
        foreach (var e in edges.Where(e => !e.IsBack))
        {
            e.Chain.Add(elementOf[e.From]);
            for (var l = layer[e.From] + 1; l < layer[e.To]; l++)
            {
                var d = g.Add(new ChartGraph.Element { Layer = l, Width = DummyWidth });
                g.Link(e.Chain[^1], d);
                e.Chain.Add(d);
            }
            g.Link(e.Chain[^1], elementOf[e.To]);
            e.Chain.Add(elementOf[e.To]);
        }

        ChartOrdering.Apply(g);
        ChartCoordinates.Apply(g, o.NodeGap, DummyGap);

        // Shift right of the caption column.
        var left = (algorithm.Phases.Count > 0 ? o.CaptionColumnWidth : 0) + o.Margin + 4;
        if (g.Elements.Count > 0)
        {
            var shift = left - g.Elements.Min(e => e.Left);
            foreach (var e in g.Elements) e.X += shift;
        }
        var contentRight = g.Elements.Count > 0 ? g.Elements.Max(e => e.Right) : left + 100;

        // Back edges: leave or enter by the right side when nothing else is to the right in that
        // layer, else by bottom/top through the channel; each gets its own lane on the right.
        bool Rightmost(int el) => g.Layers[g.Elements[el].Layer][^1] == el;
        var backEdges = edges.Where(e => e.IsBack)
            .OrderBy(e => layer[e.From] - layer[e.To]).ThenBy(e => edges.IndexOf(e)).ToList();
        var rightExitUsed = new HashSet<int>();
        for (var k = 0; k < backEdges.Count; k++)
        {
            var e = backEdges[k];
            e.Lane = k;
            if (e.From == e.To) continue;
            // One edge per node leaves by the side; more would share a line and a label spot.
            e.ExitRight = Rightmost(elementOf[e.From]) && rightExitUsed.Add(e.From);
        }
        foreach (var e in backEdges)
            e.EnterRight = e.From != e.To && Rightmost(elementOf[e.To]) && !rightExitUsed.Contains(e.To);
        // Labels of edges leaving by the right side sit between the node and the lanes.
        var rightLabels = backEdges.Where(e => e.ExitRight && e.Label is not null)
            .Select(e => measurer.Width(e.Label!, FontStyleKind.Regular, labelSize)).DefaultIfEmpty(0).Max();
        var laneStart = contentRight + Math.Max(22, rightLabels + 12);
        double LaneX(LEdge e) => laneStart + e.Lane * LaneGap;
        var width = (backEdges.Count > 0 ? LaneX(backEdges[^1]) : contentRight) + o.Margin + 6;

        // Tracks: horizontal runs in the channel above each layer (channel L is below the last).
        var tracks = Enumerable.Range(0, layerCount + 1).Select(_ => new List<object>()).ToList();
        var labelHeight = measurer.LineHeight(FontStyleKind.Regular, labelSize);
        var labelRows = new int[layerCount + 1];
        var labelRow = new Dictionary<LEdge, int>(ReferenceEqualityComparer.Instance);
        var forwardLabels = Enumerable.Range(0, layerCount + 1).Select(_ => new List<(LEdge Edge, double X, double W)>()).ToList();
        foreach (var e in edges.Where(e => !e.IsBack))
        {
            for (var s = 0; s + 1 < e.Chain.Count; s++)
            {
                var a = g.Elements[e.Chain[s]];
                var b = g.Elements[e.Chain[s + 1]];
                if (Math.Abs(a.X - b.X) > 0.01 && !tracks[b.Layer].Contains(e.Chain[s])) tracks[b.Layer].Add(e.Chain[s]);
            }
            if (e.Label is not null)
                forwardLabels[layer[e.From] + 1].Add((e, g.Elements[e.Chain[1]].X + 3, measurer.Width(e.Label, FontStyleKind.Regular, labelSize)));
        }
        // Labels sit in a zone under a channel's tracks, beside their edge's drop; labels that
        // would touch go to another row of the zone.
        for (var c = 0; c <= layerCount; c++)
        {
            var rowEnds = new List<double>();
            foreach (var (e, x, w) in forwardLabels[c].OrderBy(t => t.X))
            {
                var row = rowEnds.FindIndex(end => end + 3 <= x);
                if (row < 0) { row = rowEnds.Count; rowEnds.Add(0); }
                rowEnds[row] = x + w;
                labelRow[e] = row;
            }
            labelRows[c] = rowEnds.Count;
        }
        for (var c = 0; c <= layerCount; c++)
            tracks[c] = tracks[c].OrderBy(t => g.Elements[(int)t].X).ToList();
        foreach (var e in backEdges.Where(e => !e.ExitRight))
            tracks[layer[e.From] + 1].Insert(0, ("exit", e));
        foreach (var e in backEdges) if (!e.EnterRight) tracks[layer[e.To]].Add(("enter", e));

        // Vertical pass: channels, rows and phase bands in listed order.
        var captionSize = o.FontSize;
        var captionWidth = o.CaptionColumnWidth - o.Margin - 6;
        // Label and window on lines of their own: "Acute phase" / "0–6 weeks" reads better than
        // a caption broken at an arbitrary word.
        var captionLines = algorithm.Phases.Select(p =>
            ChartText.Wrap(p.Label, measurer, FontStyleKind.Bold, captionSize, captionWidth)
                .Concat(string.IsNullOrWhiteSpace(p.Window) ? [] : ChartText.Wrap(p.Window, measurer, FontStyleKind.Bold, captionSize, captionWidth))
                .ToList()).ToList();
        var captionLh = measurer.LineHeight(FontStyleKind.Bold, captionSize);
        double MinBandHeight(int b) => captionLines[b].Count * captionLh + 2 * BandPad;

        var trackY = new Dictionary<object, double>();
        var labelY = new double[layerCount + 1];
        var bandTop = new double[algorithm.Phases.Count];
        var bandBottom = new double[algorithm.Phases.Count];
        var layerBand = Enumerable.Range(0, layerCount).Select(l => -1).ToArray();
        foreach (var i in live) layerBand[layer[i]] = band[i];
        for (var l = 1; l < layerCount; l++) if (g.Layers[l].All(el => g.Elements[el].IsDummy)) layerBand[l] = Math.Max(layerBand[l], layerBand[l - 1]);

        var y = o.Margin;
        var openBand = -1;
        void OpenBandsUpTo(int target)
        {
            // Close the open band, then give any phases without nodes a band of their own.
            if (openBand >= 0)
            {
                y = Math.Max(y, bandTop[openBand] + MinBandHeight(openBand));
                bandBottom[openBand] = y;
            }
            for (var b = openBand + 1; b < target; b++)
            {
                bandTop[b] = y;
                y += MinBandHeight(b);
                bandBottom[b] = y;
            }
            if (target < algorithm.Phases.Count)
            {
                bandTop[target] = y;
                y += BandPad;
            }
            openBand = target;
        }

        var rowTop = new double[layerCount];
        var rowHeight = new double[layerCount];
        for (var c = 0; c <= layerCount; c++)
        {
            if (c == 0 && layerCount > 0 && layerBand[0] >= 0) OpenBandsUpTo(layerBand[0]);
            var ts = tracks[c];
            // A labelled back edge leaving by the bottom keeps its label under its own run.
            var ty = y + ChannelPad;
            foreach (var t in ts)
            {
                trackY[t] = ty;
                ty += TrackGap + (t is ValueTuple<string, LEdge> { Item1: "exit", Item2.Label: not null } ? labelHeight + 1 : 0);
            }
            var afterTracks = ts.Count > 0 ? ty - TrackGap : y;
            if (c > 0 && c < layerCount && layerBand[c] != layerBand[c - 1])
            {
                y = afterTracks + ChannelPad;
                OpenBandsUpTo(layerBand[c]);
                afterTracks = y;
            }
            if (c == layerCount)
            {
                y = afterTracks + ChannelPad + labelRows[c] * labelHeight;
                OpenBandsUpTo(algorithm.Phases.Count);
                break;
            }
            var top = Math.Max(afterTracks + ChannelPad, y + (c == 0 ? 0 : MinChannel));
            if (labelRows[c] > 0)
            {
                labelY[c] = afterTracks + 4;
                top = Math.Max(top, labelY[c] + labelRows[c] * labelHeight + 4);
            }
            rowTop[c] = top;
            rowHeight[c] = g.Layers[c].Select(el => g.Elements[el].Height).DefaultIfEmpty(0).Max();
            foreach (var el in g.Layers[c])
                g.Elements[el].Y = top + (rowHeight[c] - g.Elements[el].Height) / 2;
            y = top + rowHeight[c];
        }
        var height = y + o.Margin;

        // Edges as polylines.
        var chartEdges = new List<ChartEdge>();
        foreach (var e in edges)
        {
            var pts = new List<ChartPoint>();
            ChartRect? labelRect = null;
            var labelW = e.Label is null ? 0 : measurer.Width(e.Label, FontStyleKind.Regular, labelSize);
            var src = g.Elements[elementOf[e.From]];
            var tgt = g.Elements[elementOf[e.To]];
            if (!e.IsBack)
            {
                pts.Add(new(src.X, src.Bottom));
                for (var s = 0; s + 1 < e.Chain.Count; s++)
                {
                    var a = g.Elements[e.Chain[s]];
                    var b = g.Elements[e.Chain[s + 1]];
                    if (Math.Abs(a.X - b.X) > 0.01)
                    {
                        var ty = trackY[e.Chain[s]];
                        pts.Add(new(a.X, ty));
                        pts.Add(new(b.X, ty));
                    }
                    if (s == 0 && e.Label is not null)
                        labelRect = new ChartRect(b.X + 3, labelY[b.Layer] + labelRow[e] * labelHeight, labelW, labelHeight);
                }
                pts.Add(new(tgt.X, tgt.Y));
            }
            else
            {
                var lane = LaneX(e);
                if (e.ExitRight)
                {
                    pts.Add(new(src.Right, src.CenterY));
                    if (e.Label is not null) labelRect = new ChartRect(src.Right + 3, src.CenterY - labelHeight - 1, labelW, labelHeight);
                }
                else
                {
                    var ty = trackY[("exit", e)];
                    pts.Add(new(src.X, src.Bottom));
                    pts.Add(new(src.X, ty));
                    // Below the exit run: the channel keeps a label's height free under its tracks.
                    if (e.Label is not null) labelRect = new ChartRect(src.X + 3, ty + 1, labelW, labelHeight);
                }
                pts.Add(new(lane, pts[^1].Y));
                if (e.EnterRight)
                {
                    pts.Add(new(lane, tgt.CenterY));
                    pts.Add(new(tgt.Right, tgt.CenterY));
                }
                else
                {
                    var ty = trackY[("enter", e)];
                    pts.Add(new(lane, ty));
                    pts.Add(new(tgt.X, ty));
                    pts.Add(new(tgt.X, tgt.Y));
                }
            }
            var baseline = labelRect is { } r ? r.Y + measurer.Ascent(FontStyleKind.Regular, labelSize) : 0;
            chartEdges.Add(new ChartEdge(nodes[e.From].Id, nodes[e.To].Id, e.Label, Simplify(pts), e.IsBack, labelRect, R(baseline)));
        }

        // A label beside the rightmost drop may reach past the nodes.
        width = Math.Max(width, chartEdges.Where(e => e.LabelRect is not null).Select(e => e.LabelRect!.Value.Right + o.Margin).DefaultIfEmpty(0).Max());

        var chartNodes = live.Select(i =>
        {
            var el = g.Elements[elementOf[i]];
            var rect = new ChartRect(R(el.Left), R(el.Y), R(el.Width), R(el.Height));
            var c = content[i];
            var lh = nodeLh;
            var first = el.CenterY - c.Lines.Count * lh / 2 + nodeAscent;
            var lines = c.Lines.Select((text, k) =>
            {
                var w = measurer.Width(text, FontStyleKind.Regular, o.FontSize);
                var full = w + (k == c.Lines.Count - 1 ? c.SupWidth : 0);
                return new ChartTextLine(text, R(el.X - full / 2), R(first + k * lh), R(w));
            }).ToList();
            return new ChartNode(nodes[i].Id, nodes[i].Kind, rect, lines, c.Superscript, c.Numbers, c.Plain, layer[i], band[i]);
        }).ToList();

        var bands = algorithm.Phases.Select((p, b) => new ChartBand(p.Id, p.Caption,
            new ChartRect(0, R(bandTop[b]), R(width), R(bandBottom[b] - bandTop[b])),
            captionLines[b].Select((text, k) => new ChartTextLine(text, o.Margin,
                R(bandTop[b] + BandPad + k * captionLh + measurer.Ascent(FontStyleKind.Bold, captionSize)),
                R(measurer.Width(text, FontStyleKind.Bold, captionSize)))).ToList())).ToList();

        return new ChartLayout(algorithm.Title, R(width), R(height), o.FontSize, supSize, labelSize, chartNodes, chartEdges, bands);
    }

    /// <summary>Fixed decimals so that output does not depend on floating-point noise.</summary>
    private static double R(double v) => Math.Round(v, 2);

    private static List<ChartPoint> Simplify(List<ChartPoint> pts)
    {
        var r = pts.Select(p => new ChartPoint(R(p.X), R(p.Y))).ToList();
        for (var i = r.Count - 2; i >= 1; i--)
        {
            var (a, b, c) = (r[i - 1], r[i], r[i + 1]);
            var same = a == b;
            var collinear = (a.X == b.X && b.X == c.X) || (a.Y == b.Y && b.Y == c.Y);
            if (same || collinear) r.RemoveAt(i);
        }
        return r;
    }

    private sealed record Content(List<string> Lines, string Plain, string? Superscript, IReadOnlyList<int> Numbers, double SupWidth, double W, double H);

    private static Content NodeContent(AlgorithmNode n, ITextMeasurer m, Func<string, int> refs, ChartLayoutOptions o, double supSize, double lh)
    {
        var (plain, numbers) = ChartText.Parse(n.Text.Source, refs);
        var sup = ChartText.Superscript(numbers);
        var supW = sup is null ? 0 : m.Width(sup, FontStyleKind.Regular, supSize) + 1;
        if (n.Kind == NodeKind.Decision)
        {
            var lines = ChartText.WrapBalanced(plain, m, FontStyleKind.Regular, o.FontSize, o.MaxDecisionTextWidth, supW);
            var tw = TextWidth(lines, m, o.FontSize, supW) + 8;
            var th = lines.Count * lh + 4;
            // The text box (tw × th) fits in a diamond with half-axes a, b when tw/2a + th/2b <= 1.
            var b = Math.Max(th / 2 + 14, th);
            var a = tw / 2 / (1 - th / 2 / b);
            return new Content(lines, plain, sup, numbers, supW, Math.Max(2 * a, 90), 2 * b);
        }
        else
        {
            var lines = ChartText.WrapBalanced(plain, m, FontStyleKind.Regular, o.FontSize, o.MaxNodeWidth - 2 * PadX, supW);
            var w = Math.Max(TextWidth(lines, m, o.FontSize, supW) + 2 * PadX, 70);
            return new Content(lines, plain, sup, numbers, supW, w, lines.Count * lh + 2 * PadY);
        }
    }

    private static double TextWidth(List<string> lines, ITextMeasurer m, double size, double supW) =>
        lines.Select((l, k) => m.Width(l, FontStyleKind.Regular, size) + (k == lines.Count - 1 ? supW : 0)).Max();

    /// <summary>Iterative depth-first search from the start; an edge to a node still on the
    /// stack closes a cycle and is a back edge.</summary>
    private static bool[] FindBackEdges(int n, List<(int From, int To, string? Label)> raw, int start)
    {
        var outs = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        for (var k = 0; k < raw.Count; k++) outs[raw[k].From].Add(k);
        var state = new int[n]; // 0 new, 1 on stack, 2 done
        var back = new bool[raw.Count];
        foreach (var root in new[] { start }.Concat(Enumerable.Range(0, n)))
        {
            if (root >= n || state[root] != 0) continue;
            var stack = new Stack<(int Node, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (v, next) = stack.Pop();
                if (next < outs[v].Count)
                {
                    stack.Push((v, next + 1));
                    var k = outs[v][next];
                    var t = raw[k].To;
                    if (state[t] == 1) back[k] = true;
                    else if (state[t] == 0) { state[t] = 1; stack.Push((t, 0)); }
                }
                else state[v] = 2;
            }
        }
        return back;
    }

    /// <summary>Phase index per node (-1: above the first band). A node without a phase joins
    /// the latest band among its predecessors along the flow, so the start and early triage
    /// sit above the phases and a closing step stays with what led to it.</summary>
    private static int[] AssignBands(Algorithm alg, IReadOnlyList<AlgorithmNode> nodes, Dictionary<string, int> phaseIndex,
        List<(int From, int To, string? Label)> raw, bool[] back)
    {
        var n = nodes.Count;
        var band = new int[n];
        var fixedBand = new bool[n];
        for (var i = 0; i < n; i++)
        {
            fixedBand[i] = nodes[i].Phase is { } p && phaseIndex.ContainsKey(p);
            band[i] = fixedBand[i] ? phaseIndex[nodes[i].Phase!] : -1;
        }
        var dag = new List<(int, int)>(raw.Count);
        for (var k = 0; k < raw.Count; k++)
        {
            var (f, t) = back[k] ? (raw[k].To, raw[k].From) : (raw[k].From, raw[k].To);
            if (f != t) dag.Add((f, t));
        }
        foreach (var v in TopologicalOrder(n, dag))
            if (!fixedBand[v])
            {
                // The latest band among its predecessors, -1 without any.
                var latest = -1;
                var any = false;
                foreach (var (f, t) in dag)
                    if (t == v) { latest = any ? Math.Max(latest, band[f]) : band[f]; any = true; }
                band[v] = latest;
            }
        return band;
    }

    private static List<int> TopologicalOrder(int n, List<(int, int)> dag)
    {
        var indeg = new int[n];
        var outs = new List<int>[n];
        for (var i = 0; i < n; i++) outs[i] = [];
        foreach (var (f, t) in dag) { indeg[t]++; outs[f].Add(t); }
        // Always the lowest-numbered ready node next (charts have tens of nodes: a scan is cheap).
        var ready = new bool[n];
        var readyCount = 0;
        for (var i = 0; i < n; i++) if (indeg[i] == 0) { ready[i] = true; readyCount++; }
        var order = new List<int>(n);
        while (readyCount > 0)
        {
            var v = Array.IndexOf(ready, true);
            ready[v] = false;
            readyCount--;
            order.Add(v);
            foreach (var t in outs[v]) if (--indeg[t] == 0) { ready[t] = true; readyCount++; }
        }
        return order;
    }

    /// <summary>Longest path from the top, band by band, so every layer belongs to one band and
    /// bands follow the listed order of phases.</summary>
    private static int[] AssignLayers(int n, List<LEdge> edges, int[] band, int start, out int layerCount)
    {
        var dag = new List<(int, int)>(edges.Count);
        foreach (var e in edges)
            if (e.From != e.To) dag.Add(e.IsBack ? (e.To, e.From) : (e.From, e.To));
        var order = TopologicalOrder(n, dag);
        var preds = new List<int>[n];
        for (var i = 0; i < n; i++) preds[i] = [];
        foreach (var (f, t) in dag) preds[t].Add(f);
        var layer = new int[n];
        var next = 0;
        var bands = new SortedSet<int>(band);
        foreach (var b in bands)
        {
            var first = next;
            foreach (var v in order)
            {
                if (band[v] != b) continue;
                var below = first; // one below the lowest predecessor, else the band's first layer
                if (preds[v].Count > 0)
                {
                    below = layer[preds[v][0]] + 1;
                    for (var k = 1; k < preds[v].Count; k++) below = Math.Max(below, layer[preds[v][k]] + 1);
                }
                layer[v] = Math.Max(first, below);
                next = Math.Max(next, layer[v] + 1);
            }
        }
        layerCount = next;
        return layer;
    }

    /// <summary>Depth-first discovery order following branches as listed: the initial order
    /// within layers, so "Yes" is left of "No" unless crossings say otherwise.</summary>
    private static List<int> DepthFirstOrder(int n, List<LEdge> edges, int start, List<int> live)
    {
        var outs = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        foreach (var e in edges.Where(e => !e.IsBack)) outs[e.From].Add(e.To);
        var seen = new bool[n];
        var order = new List<int>();
        foreach (var root in new[] { start }.Concat(live))
        {
            if (root >= n || seen[root] || !live.Contains(root)) continue;
            var stack = new Stack<int>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var v = stack.Pop();
                if (seen[v]) continue;
                seen[v] = true;
                order.Add(v);
                for (var k = outs[v].Count - 1; k >= 0; k--) if (!seen[outs[v][k]]) stack.Push(outs[v][k]);
            }
        }
        return order;
    }
}
