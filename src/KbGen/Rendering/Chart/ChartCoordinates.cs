namespace KbGen.Rendering.Chart;

/// <summary>Horizontal positions: each element is pulled towards the mean of its neighbours
/// in the adjacent layer, and the layer is then solved exactly for the closest positions that
/// keep the order and the minimum gaps (isotonic regression by pool-adjacent-violators).
/// This never lets two elements of a layer overlap, whatever the pulls.</summary>
internal static class ChartCoordinates
{
    public static void Apply(ChartGraph g, double nodeGap, double dummyGap, int iterations = 8)
    {
        // Loops, not LINQ: this runs ~20 passes over every layer of every chart. The sums are taken
        // in the same order as Enumerable.Average, so positions are bit-for-bit the same.
        var desired = new List<double>();
        foreach (var layer in g.Layers)
        {
            desired.Clear();
            for (var i = 0; i < layer.Count; i++) desired.Add(0.0);
            Solve(g, layer, desired, nodeGap, dummyGap);
        }
        for (var it = 0; it < iterations; it++)
        {
            for (var l = 1; l < g.Layers.Count; l++) Pull(g, l, up: true, nodeGap, dummyGap, desired);
            for (var l = g.Layers.Count - 2; l >= 0; l--) Pull(g, l, up: false, nodeGap, dummyGap, desired);
        }
        for (var l = 1; l < g.Layers.Count; l++) Pull(g, l, up: true, nodeGap, dummyGap, desired);
    }

    private static void Pull(ChartGraph g, int l, bool up, double nodeGap, double dummyGap, List<double> desired)
    {
        var layer = g.Layers[l];
        desired.Clear();
        for (var i = 0; i < layer.Count; i++)
        {
            var e = g.Elements[layer[i]];
            var nb = up ? e.Up : e.Down;
            if (nb.Count == 0) { desired.Add(e.X); continue; }
            var sum = g.Elements[nb[0]].X;
            for (var k = 1; k < nb.Count; k++) sum += g.Elements[nb[k]].X;
            desired.Add(sum / (long)nb.Count);
        }
        Solve(g, layer, desired, nodeGap, dummyGap);
    }

    private static void Solve(ChartGraph g, List<int> layer, List<double> desired, double nodeGap, double dummyGap)
    {
        var n = layer.Count;
        if (n == 0) return;
        // On the stack: this runs for every layer on every sweep, and its arrays and list were
        // most of a chart layout's garbage.
        Span<double> offset = n <= 256 ? stackalloc double[n] : new double[n];
        Span<double> blockSum = n <= 256 ? stackalloc double[n] : new double[n];
        Span<int> blockCount = n <= 256 ? stackalloc int[n] : new int[n];
        for (var i = 1; i < n; i++)
        {
            var a = g.Elements[layer[i - 1]];
            var b = g.Elements[layer[i]];
            var gap = a.IsDummy || b.IsDummy ? dummyGap : nodeGap;
            offset[i] = offset[i - 1] + (a.Width + b.Width) / 2 + gap;
        }
        // Pool adjacent violators on t_i = d_i - o_i: the z_i must not decrease.
        var blocks = 0;
        for (var i = 0; i < n; i++)
        {
            blockSum[blocks] = desired[i] - offset[i];
            blockCount[blocks] = 1;
            blocks++;
            while (blocks > 1 && blockSum[blocks - 2] / blockCount[blocks - 2] > blockSum[blocks - 1] / blockCount[blocks - 1])
            {
                blockSum[blocks - 2] += blockSum[blocks - 1];
                blockCount[blocks - 2] += blockCount[blocks - 1];
                blocks--;
            }
        }
        var k = 0;
        for (var bi = 0; bi < blocks; bi++)
            for (var c = 0; c < blockCount[bi]; c++, k++)
                g.Elements[layer[k]].X = blockSum[bi] / blockCount[bi] + offset[k];
    }
}
