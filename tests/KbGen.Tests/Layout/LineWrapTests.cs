using KbGen.Rendering.Layout;
using static KbGen.Tests.Layout.LayoutTestHelpers;

namespace KbGen.Tests.Layout;

public class LineWrapTests
{
    [Fact]
    public void Wraps_greedily_at_spaces()
    {
        // 20 characters per line at 100pt.
        var plan = Measure(new Paragraph("the quick brown fox jumps over the lazy dog"), 100);
        Assert.Equal(PlanKind.Full, plan.Kind);
        Assert.Equal(["the quick brown fox", "jumps over the lazy", "dog"], Lines(plan.Commands));
    }

    [Fact]
    public void Collapses_whitespace_and_drops_it_at_line_ends()
    {
        var plan = Measure(new Paragraph("  alpha   beta\tgamma  "), 50);
        Assert.Equal(["alpha beta", "gamma"], Lines(plan.Commands));
    }

    [Fact]
    public void Breaks_after_a_hyphen_in_the_text_but_nowhere_else()
    {
        // "well-known" does not fit after "a"; the break falls after its hyphen.
        var plan = Measure(new Paragraph("a very well-known fact"), 60);
        Assert.Equal(["a very well-", "known fact"], Lines(plan.Commands));
        // A leading minus or a free-standing dash is not a break point.
        plan = Measure(new Paragraph("xx -5 - yy"), 25);
        Assert.Equal(["xx -5", "- yy"], Lines(plan.Commands));
    }

    [Fact]
    public void Never_breaks_inside_a_word_that_fits_a_line()
    {
        var words = "paracetamol ibuprofen calcitonin opioids bracing".Split(' ');
        foreach (var width in new[] { 55.0, 60, 80, 110, 200 })
        {
            var lines = Lines(Measure(new Paragraph(string.Join(' ', words)), width).Commands);
            Assert.All(lines, l => Assert.True(l.Length * 5 <= width, $"'{l}' wider than {width}"));
            Assert.Equal(words, lines.SelectMany(l => l.Split(' ')));
        }
    }

    [Fact]
    public void A_word_longer_than_the_line_is_broken_by_characters()
    {
        var plan = Measure(new Paragraph("see https://kb.example.org/topics/lumbar now"), 50);
        var lines = Lines(plan.Commands);
        Assert.Equal(["see", "https://kb", ".example.o", "rg/topics/", "lumbar now"], lines);
    }

    [Fact]
    public void Mixed_runs_keep_their_styles_links_and_superscripts()
    {
        var p = new Paragraph([
            new Run("Use "),
            Run.Bold("paracetamol first"),
            new Run(" then see "),
            Run.Url("the guideline", "https://example.org/g"),
            new Run("1,2") { Superscript = true },
            Run.Italic(" today."),
        ]);
        var plan = Measure(p, 60); // 12 characters a line
        var texts = plan.Commands.OfType<TextCommand>().ToList();
        Assert.Equal(["Use", "paracetamol", "first then", "see the", "guideline1,2", "today."], Lines(plan.Commands));
        Assert.All(texts.Where(t => t.Text.Contains("paracetamol") || t.Text.Contains("first")), t => Assert.Equal(FontStyleKind.Bold, t.Style));
        Assert.All(texts.Where(t => t.Text.Contains("guideline")), t => Assert.Equal("https://example.org/g", t.Link));
        var sup = Assert.Single(texts, t => t.Superscript);
        Assert.Equal("1,2", sup.Text);
        Assert.True(sup.Size < 10);
        var guideline = texts.Single(t => t.Text.Contains("guideline"));
        Assert.True(sup.Baseline < guideline.Baseline, "superscript is raised");
        Assert.True(sup.X >= guideline.X + guideline.Width - 1e-9, "superscript follows the word");
        Assert.Equal(FontStyleKind.Italic, texts.Single(t => t.Text.Contains("today")).Style);
        Assert.All(texts.Where(t => t.Link == null), t => Assert.DoesNotContain("guideline", t.Text));
    }

    [Fact]
    public void Fragments_do_not_overlap_and_stay_within_the_width()
    {
        var p = new Paragraph([new Run("alpha beta "), Run.Bold("gamma delta"), new Run(" epsilon zeta eta theta")]);
        var texts = Measure(p, 70).Commands.OfType<TextCommand>().ToList();
        foreach (var line in texts.GroupBy(t => t.Baseline))
        {
            var ordered = line.OrderBy(t => t.X).ToList();
            for (var i = 1; i < ordered.Count; i++)
                Assert.Equal(ordered[i - 1].X + ordered[i - 1].Width, ordered[i].X, 6);
            Assert.True(ordered[^1].X + ordered[^1].Width <= 70 + 1e-9);
            Assert.All(ordered, t => Assert.Equal(t.Text.Length * 5, t.Width, 6));
        }
    }

    [Fact]
    public void A_newline_forces_a_line_break()
    {
        Assert.Equal(["one", "two three"], Lines(Measure(new Paragraph("one\ntwo three"), 200).Commands));
    }

    [Fact]
    public void Alignment_shifts_lines()
    {
        var right = Measure(new Paragraph("abc") { Align = TextAlign.Right }, 100).Commands.OfType<TextCommand>().Single();
        Assert.Equal(85, right.X, 6);
        var centre = Measure(new Paragraph("abcd") { Align = TextAlign.Center }, 100).Commands.OfType<TextCommand>().Single();
        Assert.Equal(40, centre.X, 6);
    }
}
