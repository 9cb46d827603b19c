using FsCheck;
using FsCheck.Fluent;
using KbGen.Model;
using KbGen.Rendering.Chart;

namespace KbGen.Tests.Chart;

public class ChartLayoutPropertyTests
{
    public sealed record Case(int Nodes, int Phases, int Seed)
    {
        public Algorithm Build() => ChartSamples.Random(Nodes, Phases, Seed);
    }

    private static readonly Arbitrary<Case> Cases = Arb.From(
        from n in Gen.Choose(1, 60)
        from p in Gen.Choose(1, 3)
        from s in Gen.Choose(0, int.MaxValue - 1)
        select new Case(n, p, s),
        c => c.Nodes > 1 ? [c with { Nodes = c.Nodes / 2 }, c with { Nodes = c.Nodes - 1 }] : []);

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static ChartLayout Layout(Algorithm a) =>
        ChartLayoutEngine.Compute(a, new FakeMeasurer(), ChartSamples.ReferenceNumber);

    private const double Eps = 0.011; // coordinates are rounded to 0.01

    [Fact]
    public void Node_rectangles_never_intersect() => Check.One(Config, Prop.ForAll(Cases, c =>
    {
        var nodes = Layout(c.Build()).Nodes;
        for (var i = 0; i < nodes.Count; i++)
            for (var j = i + 1; j < nodes.Count; j++)
                Assert.False(nodes[i].Rect.Intersects(nodes[j].Rect), $"{c}: {nodes[i].Id} overlaps {nodes[j].Id}");
    }));

    [Fact]
    public void Edges_are_orthogonal_and_pass_through_no_node() => Check.One(Config, Prop.ForAll(Cases, c =>
    {
        var layout = Layout(c.Build());
        foreach (var e in layout.Edges)
        {
            Assert.True(e.Points.Count >= 2, $"{c}: edge {e.From}->{e.To} has {e.Points.Count} points");
            for (var k = 0; k + 1 < e.Points.Count; k++)
            {
                var (a, b) = (e.Points[k], e.Points[k + 1]);
                Assert.True(Math.Abs(a.X - b.X) < Eps || Math.Abs(a.Y - b.Y) < Eps, $"{c}: edge {e.From}->{e.To} has a slanted segment");
                foreach (var n in layout.Nodes)
                {
                    // Endpoints may touch their own node's border, never enter it; other nodes
                    // must keep clear, border included.
                    var own = n.Id == e.From || n.Id == e.To;
                    var r = own ? Shrink(n.Rect, Eps) : Shrink(n.Rect, -0.5);
                    Assert.False(SegmentHitsRect(a, b, r), $"{c}: edge {e.From}->{e.To} segment {a}-{b} crosses node {n.Id} {n.Rect}");
                }
            }
        }
    }));

    [Fact]
    public void Branch_labels_sit_beside_their_edge_off_every_node_and_apart() => Check.One(Config, Prop.ForAll(Cases, c =>
    {
        var layout = Layout(c.Build());
        foreach (var e in layout.Edges.Where(e => e.Label is not null))
        {
            Assert.True(e.LabelRect is not null, $"{c}: label of {e.From}->{e.To} not placed");
            var r = e.LabelRect!.Value;
            foreach (var n in layout.Nodes)
                Assert.False(r.Intersects(n.Rect), $"{c}: label '{e.Label}' of {e.From}->{e.To} {r} covers node {n.Id} {n.Rect}");
            // Beside: within a few points of some segment of its own edge.
            var near = Enumerable.Range(0, e.Points.Count - 1).Any(k => Distance(r, e.Points[k], e.Points[k + 1]) <= 4);
            Assert.True(near, $"{c}: label '{e.Label}' of {e.From}->{e.To} {r} is away from its edge");
            Assert.True(r.X >= 0 && r.Right <= layout.Width && r.Bottom <= layout.Height, $"{c}: label outside the chart");
        }
        var rects = layout.Edges.Where(e => e.LabelRect is not null).Select(e => (e, r: e.LabelRect!.Value)).ToList();
        for (var i = 0; i < rects.Count; i++)
            for (var j = i + 1; j < rects.Count; j++)
                Assert.False(rects[i].r.Intersects(rects[j].r),
                    $"{c}: labels of {rects[i].e.From}->{rects[i].e.To} and {rects[j].e.From}->{rects[j].e.To} overlap");
    }));

    private static double Distance(ChartRect r, ChartPoint a, ChartPoint b)
    {
        // Axis-aligned segment to rectangle: gap along each axis.
        var dx = Math.Max(0, Math.Max(r.X - Math.Max(a.X, b.X), Math.Min(a.X, b.X) - r.Right));
        var dy = Math.Max(0, Math.Max(r.Y - Math.Max(a.Y, b.Y), Math.Min(a.Y, b.Y) - r.Bottom));
        return Math.Max(dx, dy);
    }

    [Fact]
    public void Edges_connect_the_right_nodes_from_border_to_border() => Check.One(Config, Prop.ForAll(Cases, c =>
    {
        var alg = c.Build();
        var layout = Layout(alg);
        var expected = alg.Nodes.SelectMany(n => n.Edges.Select(e => $"{n.Id}->{e.Target}:{e.Label}")).Order().ToList();
        Assert.Equal(expected, layout.Edges.Select(e => $"{e.From}->{e.To}:{e.Label}").Order().ToList());
        var byId = layout.Nodes.ToDictionary(n => n.Id);
        foreach (var e in layout.Edges)
        {
            Assert.True(OnBorder(e.Points[0], byId[e.From].Rect), $"{c}: edge {e.From}->{e.To} starts at {e.Points[0]}, off {byId[e.From].Rect}");
            Assert.True(OnBorder(e.Points[^1], byId[e.To].Rect), $"{c}: edge {e.From}->{e.To} ends at {e.Points[^1]}, off {byId[e.To].Rect}");
        }
    }));

    [Fact]
    public void Phased_nodes_lie_in_their_band_and_bands_follow_the_listed_order() => Check.One(Config, Prop.ForAll(Cases, c =>
    {
        var alg = c.Build();
        var layout = Layout(alg);
        Assert.Equal(alg.Phases.Select(p => p.Id), layout.Bands.Select(b => b.PhaseId));
        for (var i = 0; i + 1 < layout.Bands.Count; i++)
            Assert.True(layout.Bands[i].Rect.Bottom <= layout.Bands[i + 1].Rect.Y + Eps, $"{c}: band {i} overlaps band {i + 1}");
        var bands = layout.Bands.ToDictionary(b => b.PhaseId);
        foreach (var n in alg.Nodes.Where(n => n.Phase is not null))
        {
            var rect = layout.Nodes.Single(x => x.Id == n.Id).Rect;
            Assert.True(bands[n.Phase!].Rect.Contains(rect), $"{c}: node {n.Id} {rect} outside band {n.Phase} {bands[n.Phase!].Rect}");
        }
        foreach (var n in layout.Nodes)
            Assert.True(n.Rect.X >= 0 && n.Rect.Y >= 0 && n.Rect.Right <= layout.Width && n.Rect.Bottom <= layout.Height, $"{c}: node {n.Id} outside the chart");
    }));

    [Fact]
    public void Svg_is_well_formed_and_deterministic() => Check.One(Config.WithMaxTest(60), Prop.ForAll(Cases, c =>
    {
        var svg = SvgChartPainter.Paint(Layout(c.Build()));
        Assert.Equal(svg, SvgChartPainter.Paint(Layout(c.Build())));
        var doc = System.Xml.Linq.XDocument.Parse(svg);
        Assert.Equal(c.Nodes, doc.Descendants().Count(x => x.Attribute("data-node-id") is not null));
    }));

    private static ChartRect Shrink(ChartRect r, double d) => new(r.X + d, r.Y + d, r.Width - 2 * d, r.Height - 2 * d);

    private static bool SegmentHitsRect(ChartPoint a, ChartPoint b, ChartRect r)
    {
        var (x1, x2) = (Math.Min(a.X, b.X), Math.Max(a.X, b.X));
        var (y1, y2) = (Math.Min(a.Y, b.Y), Math.Max(a.Y, b.Y));
        return x1 < r.Right && x2 > r.X && y1 < r.Bottom && y2 > r.Y
            || (x1 == x2 && x1 > r.X && x1 < r.Right && y1 < r.Bottom && y2 > r.Y)
            || (y1 == y2 && y1 > r.Y && y1 < r.Bottom && x1 < r.Right && x2 > r.X);
    }

    private static bool OnBorder(ChartPoint p, ChartRect r)
    {
        var inX = p.X >= r.X - Eps && p.X <= r.Right + Eps;
        var inY = p.Y >= r.Y - Eps && p.Y <= r.Bottom + Eps;
        var onV = Math.Abs(p.X - r.X) < Eps || Math.Abs(p.X - r.Right) < Eps;
        var onH = Math.Abs(p.Y - r.Y) < Eps || Math.Abs(p.Y - r.Bottom) < Eps;
        return inX && inY && (onV || onH);
    }
}
