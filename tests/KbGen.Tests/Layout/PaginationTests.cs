using FsCheck;
using FsCheck.Fluent;
using KbGen.Rendering.Layout;
using static KbGen.Tests.Layout.LayoutTestHelpers;

namespace KbGen.Tests.Layout;

public class PaginationTests
{
    private static Paragraph P(string text) => new(text) { LineSpacing = 1 }; // 12pt lines

    /// <summary>n words of four characters: four to a 100pt line.</summary>
    private static string Four(int n) => string.Join(' ', Enumerable.Repeat("abcd", n));

    private static string Words(int n, int start = 0) =>
        string.Join(' ', Enumerable.Range(start, n).Select(i => $"w{i}"));

    [Fact]
    public void A_paragraph_splits_by_whole_lines_and_continues_on_the_next_page()
    {
        // 100pt wide: "w0 w1 ... " gives 8 words a line for 2-3 char words; 50pt high: 4 lines a page.
        var doc = Paginate([P(Words(60))], 100, 50);
        Assert.True(doc.Pages.Count > 1);
        Assert.All(doc.Pages, p => Assert.True(Lines(p.Commands).Count <= 4));
        var all = doc.Pages.SelectMany(p => Lines(p.Commands)).SelectMany(l => l.Split(' '));
        Assert.Equal(Words(60).Split(' '), all);
        // Text stays inside the content area of every page.
        Assert.All(doc.Pages.SelectMany(p => p.Commands.OfType<TextCommand>()), t => Assert.InRange(t.Baseline, 10, 60));
    }

    [Fact]
    public void Split_paragraphs_reassemble_to_the_original_words() =>
        Prop.ForAll(ParagraphCases().ToArbitrary(), c =>
        {
            var doc = Paginate(c.Blocks, c.Width, c.Height);
            var lines = doc.Pages.SelectMany(p => Lines(p.Commands)).ToList();
            var words = lines.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            var expected = c.Blocks.SelectMany(b => b is Heading h ? [h.Text]
                : string.Concat(((Paragraph)b).Runs.Select(r => r.Text)).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            return words.SequenceEqual(expected)
                && lines.All(l => l.Length * FixedWidthMeasurer.CharWidth <= c.Width + 1e-9)
                && doc.Pages.All(p => Lines(p.Commands).Count * 12 <= c.Height + 1e-9);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Split_text_with_hyphens_and_long_words_loses_no_character() =>
        Prop.ForAll(Gen.Zip(Gen.Elements("a", "bb", "well-known", "x-ray", "Supercalifragilistic", "é", "ü", "≥5", "-", "µg")
                .ArrayOf().Where(a => a.Length > 0), Gen.Choose(4, 40)).ToArbitrary(), t =>
        {
            var (words, lineCount) = t;
            var text = string.Join(' ', words);
            var doc = Paginate([P(text)], 40, lineCount * 12.0 / 3);
            var got = string.Concat(doc.Pages.SelectMany(p => p.Commands.OfType<TextCommand>()).Select(c => c.Text)).Replace(" ", "");
            return got == text.Replace(" ", "");
        }).QuickCheckThrowOnFailure();

    private sealed record Case(List<Block> Blocks, double Width, double Height)
    {
        public override string ToString() =>
            $"width {Width}, height {Height}: " + string.Join(" | ", Blocks.Select(b => b is Paragraph p ? string.Concat(p.Runs.Select(r => r.Text)) : b.GetType().Name));
    }

    /// <summary>Random paragraphs of mixed runs (words up to 8 characters, so no character
    /// breaks at widths of 40pt and more), interleaved with headings, random page sizes.</summary>
    private static Gen<Case> ParagraphCases()
    {
        var word = Gen.Choose(1, 8).SelectMany(n => Gen.Elements('a', 'b', 'é', 'z', '1').ArrayOf(n)).Select(cs => new string(cs));
        var run = Gen.Zip(word.NonEmptyListOf(), Gen.Elements(FontStyleKind.Regular, FontStyleKind.Bold, FontStyleKind.Italic))
            .Select(t => new Run(string.Join(' ', t.Item1) + " ", t.Item2));
        var paragraph = run.NonEmptyListOf().Select(rs => (Block)new Paragraph(rs) { LineSpacing = 1, SpaceAfter = 6 });
        var block = Gen.Frequency((5, paragraph), (1, Gen.Constant((Block)new Heading(2, "H") { Size = 10 })));
        return from blocks in block.NonEmptyListOf()
               from chars in Gen.Choose(8, 40)
               from lines in Gen.Choose(3, 30)
               select new Case(blocks, chars * 5.0, lines * 12.0 + 5);
    }

    [Fact]
    public void A_heading_is_never_the_last_thing_on_a_page()
    {
        // 4 lines of 4 words fill 48pt of a 62pt page; the heading (13.2pt) would fit below them
        // but the paragraph after it would not.
        var blocks = new Block[] { P(Four(16)), new Heading(2, "Next section") { Size = 10, SpaceBefore = 0, SpaceAfter = 0 }, P(Words(8)) };
        var doc = Paginate(blocks, 100, 62);
        Assert.Equal(4, Lines(doc.Pages[0].Commands).Count);
        Assert.Equal(2, doc.Pages.Count);
        var heading = Assert.Single(doc.Outline);
        Assert.Equal(1, heading.PageIndex);
        Assert.Equal("Next section", Lines(doc.Pages[1].Commands)[0]);
    }

    [Fact]
    public void A_chain_of_headings_moves_together()
    {
        var blocks = new Block[] { P(Words(24)), new Heading(1, "Part"), new Heading(2, "Chapter"), P(Words(40)) };
        var doc = Paginate(blocks, 100, 80);
        Assert.All(doc.Outline, o => Assert.Equal(1, o.PageIndex));
        Assert.All(doc.Pages, p =>
        {
            var last = p.Commands.OfType<TextCommand>().MaxBy(t => t.Baseline);
            Assert.DoesNotContain(last!.Role, new[] { ContentRole.Heading1, ContentRole.Heading2, ContentRole.Heading3 });
        });
    }

    [Fact]
    public void Property_heading_never_last_on_a_page() =>
        Prop.ForAll(ParagraphCases().ToArbitrary(), c =>
        {
            var doc = Paginate(c.Blocks, c.Width, c.Height);
            return doc.Pages.Take(doc.Pages.Count - 1).All(p =>
            {
                var last = p.Commands.OfType<TextCommand>().MaxBy(t => t.Baseline);
                // Allowed only when the heading is alone at the top of its page: nothing could do better.
                return last == null || last.Role is not (ContentRole.Heading2)
                    || p.Commands.OfType<TextCommand>().All(t => t.Role == ContentRole.Heading2);
            });
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Headings_are_recorded_with_page_and_position()
    {
        var doc = Paginate([new Heading(1, "Title", "title"), P("Intro"), new Heading(2, "Details", "details"), P(Words(50))], 100, 100);
        var outline = doc.Outline.ToList();
        Assert.Equal(["Title", "Details"], outline.Select(o => o.Text));
        Assert.Equal([1, 2], outline.Select(o => o.Level));
        Assert.Equal("details", outline[1].Id);
        Assert.Equal(10, outline[0].Y, 6); // top margin
        Assert.True(outline[1].Y > outline[0].Y);
    }

    [Fact]
    public void Nested_lists_hang_their_markers_and_indent_each_level()
    {
        var list = new BulletList([
            new ListItem(new Paragraph("level one"), new BulletList([
                new ListItem(new Paragraph("level two"), new BulletList([new ListItem("level three")])),
            ])),
            new ListItem("second"),
        ]);
        var commands = Measure(list, 300).Commands.OfType<TextCommand>().ToList();
        TextCommand Text(string s) => commands.Single(t => t.Text == s);
        Assert.Equal(14, Text("level one").X, 6);
        Assert.Equal(28, Text("level two").X, 6);
        Assert.Equal(42, Text("level three").X, 6);
        Assert.Equal(14, Text("second").X, 6);
        var markers = commands.Where(t => t.Role == ContentRole.ListLabel).ToList();
        Assert.Equal(["•", "◦", "▪", "•"], markers.Select(m => m.Text));
        // Each marker hangs left of its text, on the baseline of the item's first line.
        foreach (var (marker, text) in markers.Zip(new[] { "level one", "level two", "level three", "second" }))
        {
            Assert.Equal(Text(text).Baseline, marker.Baseline, 6);
            Assert.True(marker.X + marker.Width <= Text(text).X);
        }
    }

    [Fact]
    public void A_list_item_that_wraps_keeps_its_hanging_indent()
    {
        var list = new BulletList([new ListItem(P(Words(20)))]) { Ordered = true };
        var commands = Measure(list, 114).Commands.OfType<TextCommand>().ToList();
        Assert.Equal("1.", commands[0].Text);
        Assert.All(commands.Skip(1), t => Assert.Equal(14, t.X, 6));
        Assert.True(commands.Count > 3);
    }

    [Fact]
    public void A_split_list_item_does_not_repeat_its_marker()
    {
        var list = new BulletList([new ListItem(P(Words(30))), new ListItem(P("after"))]);
        var doc = Paginate([list], 100, 40);
        var markers = doc.Pages.SelectMany(p => p.Commands.OfType<TextCommand>()).Count(t => t.Role == ContentRole.ListLabel);
        Assert.Equal(2, markers);
        Assert.Equal(Words(30).Split(' ').Append("after"), doc.Pages.SelectMany(p => Lines(p.Commands)).SelectMany(l => l.Split(' ')));
    }

    [Fact]
    public void A_callout_splits_across_pages_with_a_box_on_each()
    {
        var callout = new Callout("Red flags", P(Words(40)), P(Words(10, 40))) { Padding = 5 };
        var doc = Paginate([P("before"), callout, P("after")], 100, 100);
        Assert.True(doc.Pages.Count >= 2);
        var boxes = doc.Pages.Select(p => p.Commands.OfType<RectCommand>().ToList()).ToList();
        Assert.All(boxes.Take(2), b => Assert.Single(b));
        foreach (var page in doc.Pages)
        {
            foreach (var box in page.Commands.OfType<RectCommand>())
            {
                Assert.InRange(box.Y + box.Height, 0, 110 + 1e-9); // inside the content area
                // Text of the callout is inside its box.
                var inside = page.Commands.OfType<TextCommand>().Where(t => t.Baseline > box.Y && t.Baseline < box.Y + box.Height).ToList();
                Assert.NotEmpty(inside);
                Assert.All(inside, t => Assert.True(t.X >= box.X + 5 - 1e-9 && t.X + t.Width <= box.X + box.Width - 5 + 1e-9));
            }
        }
        var lines = doc.Pages.SelectMany(p => Lines(p.Commands)).ToList();
        Assert.Equal(1, lines.Count(l => l == "Red flags")); // title not repeated
        Assert.Equal(new[] { "before", "Red", "flags" }.Concat(Words(50).Split(' ')).Append("after"), lines.SelectMany(l => l.Split(' ')));
    }

    [Fact]
    public void Images_scale_down_to_the_width_and_to_a_page_never_up()
    {
        var small = Measure(new ImageBlock([], 96, 48), 500).Commands.OfType<ImageCommand>().Single();
        Assert.Equal((72.0, 36.0), (small.Width, small.Height)); // 96 dpi → points, not enlarged

        var wide = Measure(new ImageBlock([], 1920, 960), 360).Commands.OfType<ImageCommand>().Single();
        Assert.Equal((360.0, 180.0), (wide.Width, wide.Height));

        var capped = Measure(new ImageBlock([], 400, 400) { MaxWidth = 72, Align = TextAlign.Center }, 200).Commands.OfType<ImageCommand>().Single();
        Assert.Equal((64.0, 72.0, 72.0), (capped.X, capped.Width, capped.Height));

        // Taller than a page: scaled to the page height, aspect ratio kept.
        var doc = Paginate([P("caption"), new ImageBlock([], 400, 4000)], 300, 200);
        var tall = doc.Pages.SelectMany(p => p.Commands.OfType<ImageCommand>()).Single();
        Assert.Equal(200, tall.Height, 6);
        Assert.Equal(20, tall.Width, 6);
        Assert.Equal(2, doc.Pages.Count); // it did not fit under the caption: next page
        Assert.Equal(10, tall.Y, 6);
    }

    [Fact]
    public void Image_size_is_read_from_png_and_jpeg_headers()
    {
        var png = new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 1, 44, 0, 0, 0, 200 };
        Assert.Equal((300, 200), KbGen.Loading.ImageProbe.Read(png));
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 17, 8, 0, 50, 0, 80, 3, 0, 0, 0, 0 };
        Assert.Equal((80, 50), KbGen.Loading.ImageProbe.Read(jpeg));
    }

    [Fact]
    public void Footer_shows_page_numbers_once_the_total_is_known()
    {
        var spec = new PageSpec(120, 100).WithPageNumbers("Page {0} of {1}", 8, 12);
        var doc = Paginate([P(Words(40))], 100, 80, spec);
        var footers = doc.Pages.Select(p => p.Commands.OfType<TextCommand>().Single(t => t.Role == ContentRole.PageFurniture)).ToList();
        Assert.Equal(Enumerable.Range(1, doc.Pages.Count).Select(i => $"Page {i} of {doc.Pages.Count}"), footers.Select(f => f.Text));
        Assert.All(footers, f => Assert.True(f.Baseline > 100 - 10 - 12)); // in the footer area
        var body = doc.Pages.SelectMany(p => p.Commands.OfType<TextCommand>().Where(t => t.Role != ContentRole.PageFurniture));
        Assert.All(body, t => Assert.True(t.Baseline <= 100 - 10 - 12));
    }

    [Fact]
    public void Rules_and_spacers_take_their_space_and_vanish_at_page_breaks()
    {
        var doc = Paginate([P("a"), new Rule(), P("b"), new Spacer(500), P("c")], 100, 100);
        Assert.Equal(2, doc.Pages.Count);
        var c = doc.Pages[1].Commands.OfType<TextCommand>().Single();
        Assert.Equal("c", c.Text);
        Assert.Equal(10 + 8, c.Baseline, 6); // at the very top of page 2
        Assert.Single(doc.Pages[0].Commands.OfType<LineCommand>());
    }

    [Fact]
    public void Something_that_never_fits_is_an_error_not_an_endless_loop()
    {
        var ex = Assert.Throws<LayoutException>(() => Paginate([new Paragraph("x") { Size = 100 }], 100, 50));
        Assert.Contains("taller", ex.Message);
    }

    [Fact]
    public void Plans_answer_nothing_partial_full()
    {
        var p = P(Four(12)); // 3 lines at 100pt
        Assert.Equal(PlanKind.Full, Measure(p, 100, 36).Kind);
        var partial = Measure(p, 100, 30, atTop: false);
        Assert.Equal(PlanKind.Partial, partial.Kind);
        Assert.Equal(24, partial.Height, 6);
        Assert.IsType<Paragraph>(partial.Remainder);
        Assert.Equal(PlanKind.Nothing, Measure(p, 100, 11, atTop: false).Kind);
        Assert.Equal(PlanKind.CannotFit, Measure(p, 100, 11, atTop: true).Kind);
    }
}
