namespace KbGen.Rendering.Chart;

/// <summary>Orders elements within layers to keep crossings few: barycenter sweeps down and
/// up from a depth-first start, keeping the best order seen. Ties keep the current order, so
/// a decision's branches stay in the order the author listed them.</summary>
internal static class ChartOrdering
{
    public static void Apply(ChartGraph g, int iterations = 12)
    {
        var best = Snapshot(g);
        var bestCrossings = Crossings(g);
        for (var it = 0; it < iterations && bestCrossings > 0; it++)
        {
            for (var l = 1; l < g.Layers.Count; l++) Sort(g, l, up: true);
            for (var l = g.Layers.Count - 2; l >= 0; l--) Sort(g, l, up: false);
            var c = Crossings(g);
            if (c < bestCrossings) { bestCrossings = c; best = Snapshot(g); }
        }
        g.Layers = best;
    }

    private static List<List<int>> Snapshot(ChartGraph g) => g.Layers.Select(l => l.ToList()).ToList();

    private static void Sort(ChartGraph g, int layer, bool up)
    {
        var refLayer = g.Layers[up ? layer - 1 : layer + 1];
        var pos = new Dictionary<int, int>();
        for (var i = 0; i < refLayer.Count; i++) pos[refLayer[i]] = i;
        var current = g.Layers[layer];
        var keys = new Dictionary<int, double>();
        for (var i = 0; i < current.Count; i++)
        {
            var e = g.Elements[current[i]];
            var nb = (up ? e.Up : e.Down).Where(pos.ContainsKey).ToList();
            // Scale to the reference layer's positions; elements without neighbours stay put.
            keys[current[i]] = nb.Count == 0
                ? i * (refLayer.Count / (double)Math.Max(1, current.Count))
                : nb.Average(n => pos[n]);
        }
        g.Layers[layer] = current.Select((id, i) => (id, i))
            .OrderBy(t => keys[t.id]).ThenBy(t => t.i).Select(t => t.id).ToList();
    }

    public static int Crossings(ChartGraph g)
    {
        var total = 0;
        for (var l = 0; l + 1 < g.Layers.Count; l++)
        {
            var lower = new Dictionary<int, int>();
            for (var i = 0; i < g.Layers[l + 1].Count; i++) lower[g.Layers[l + 1][i]] = i;
            var segs = new List<(int A, int B)>();
            for (var i = 0; i < g.Layers[l].Count; i++)
                foreach (var d in g.Elements[g.Layers[l][i]].Down)
                    if (lower.TryGetValue(d, out var j)) segs.Add((i, j));
            for (var a = 0; a < segs.Count; a++)
                for (var b = a + 1; b < segs.Count; b++)
                    if ((segs[a].A - segs[b].A) * (segs[a].B - segs[b].B) < 0) total++;
        }
        return total;
    }
}
