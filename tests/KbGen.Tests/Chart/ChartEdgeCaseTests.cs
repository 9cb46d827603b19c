using KbGen.Model;
using KbGen.Rendering.Chart;

namespace KbGen.Tests.Chart;

public class ChartEdgeCaseTests
{
    private static MarkdownText Md(string s) => new(s, SourceSpan.None);

    [Fact]
    public void An_algorithm_without_nodes_still_draws_its_bands()
    {
        var alg = new Algorithm("Empty", [new Phase("a", "Acute", null, SourceSpan.None), new Phase("b", "Later", "weeks", SourceSpan.None)], "x", [], SourceSpan.None);
        var layout = ChartLayoutEngine.Compute(alg, new FakeMeasurer(), _ => 0);
        Assert.Empty(layout.Nodes);
        Assert.Equal(2, layout.Bands.Count);
        Assert.True(layout.Bands[0].Rect.Bottom <= layout.Bands[1].Rect.Y);
        System.Xml.Linq.XDocument.Parse(SvgChartPainter.Paint(layout));
    }

    [Fact]
    public void Edges_to_missing_nodes_are_left_out_and_a_self_loop_goes_round_the_side()
    {
        var alg = new Algorithm("Loops", [], "a",
        [
            new AlgorithmNode("a", NodeKind.Start, Md("Start"), null, "b", [], SourceSpan.None),
            new AlgorithmNode("b", NodeKind.Decision, Md("Again?"), null, null,
                [new Branch("Yes", "b", SourceSpan.None), new Branch("No", "missing", SourceSpan.None)], SourceSpan.None),
        ], SourceSpan.None);
        var layout = ChartLayoutEngine.Compute(alg, new FakeMeasurer(), _ => 0);
        var loop = Assert.Single(layout.Edges, e => e.From == "b");
        Assert.True(loop.IsBack);
        Assert.Equal("b", loop.To);
        Assert.True(loop.Points.Max(p => p.X) > layout.Nodes.Max(n => n.Rect.Right), "loop should run beside the nodes");
    }

    [Fact]
    public void Citations_become_sorted_superscripts_and_leave_plain_text()
    {
        var (text, numbers) = ChartText.Parse("**NSAIDs** for [pain](https://x) [@b; @a] and more [@c] [@unknown].", id => id switch { "a" => 1, "b" => 2, "c" => 3, _ => 0 });
        Assert.Equal("NSAIDs for pain and more.", text);
        Assert.Equal([2, 1, 3], numbers);
        Assert.Equal("1–3", ChartText.Superscript(numbers));
        Assert.Equal("1,2,5", ChartText.Superscript([5, 2, 1]));
    }

    [Fact]
    public void Wrapping_keeps_room_for_the_superscript_and_breaks_long_words()
    {
        var m = new FakeMeasurer(); // 5.5 pt a character at 10 pt
        var lines = ChartText.Wrap("aaaa bbbb", m, Rendering.Layout.FontStyleKind.Regular, 10, 50, trailing: 10);
        Assert.Equal(["aaaa", "bbbb"], lines);
        Assert.All(ChartText.Wrap(new string('x', 40), m, Rendering.Layout.FontStyleKind.Regular, 10, 50),
            l => Assert.True(m.Width(l, Rendering.Layout.FontStyleKind.Regular, 10) <= 50));
    }
}
