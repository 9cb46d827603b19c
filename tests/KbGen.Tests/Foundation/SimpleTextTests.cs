using KbGen.Authoring;
using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Loading.Markdown;
using KbGen.Model;
using KbGen.Rendering;
using KbGen.Rendering.Chart;
using KbGen.Rendering.Html;
using KbGen.Tests.Support;
using KbGen.Validation;

namespace KbGen.Tests.Foundation;

/// <summary>Fields that <see cref="SimpleText"/> recognises skip Markdig; for each of them the
/// result must be exactly what Markdig gives: citations and their positions, diagnostics (none),
/// plain text, and HTML inline and as a block, with and without a numbering.</summary>
public sealed class SimpleTextTests
{
    private sealed class OffsetMap : IPositionMap
    {
        public SourceSpan? PositionOf(string value, int start, int end, int offset) => new SourceSpan("field", 1, offset + 1);
    }

    private static readonly string[] Handwritten =
    [
        "pain [@a].", "pain [@a]", "pain[@a] now", "a [@a] [@b] c", "a [@b; @a] c", "a [@a;@b]", "a [ @a]", "a [@a ] b",
        "a [@c; @zz; @a] b", "unknown [@zz] only", "a [@a] [@a]", "two  spaces [@a]", "trailing space ", "www.example.org [@a]",
        "see http://example.org", "x [@]", "x [@a;]", "x [@A]", "x [@a; b]", "x *em* [@a]", "x_y", "1. a", "a & b", "it's 5% (n=3) [@a]",
        "a\nb [@a]", "a\u2014b", "ends with citation [@a]", "a.[@a]", "a? b/c (d) - e; f, g. [@b]", "Www is fine? [@a]", "wow ww w",
        "a [@a](https://example.org)", "a [@a] [b](https://example.org)", "a ] b", "a @b", "x [@a-b] y", "x [@a--b] y", "x [@-a] y",
        "dose 2-3 mg/kg (max 60 mg) [@c]", "a\tb", "", " a", "A", "a [@a]b", "a [@a]. [@b]. c",
    ];

    private static IEnumerable<(MarkdownText Text, CitationNumbering? Numbering)> Fields()
    {
        // Numbering: b = 1, a = 2, c = 3; anything else is not numbered.
        var numbered = Read("x [@b] [@a] [@c]");
        var topic = new Topic { Id = "t", Title = "t", Question = "t", Review = new Review(ReviewStatus.Draft, [], SourceSpan.None), Summary = numbered };
        var refs = new[] { "a", "b", "c" }.ToDictionary(id => id, id => new Reference { Id = id, Type = "other", Title = id });
        var numbering = new CitationNumbering(topic, id => refs.GetValueOrDefault(id));
        foreach (var s in Handwritten)
        {
            var t = Read(s);
            yield return (t, numbering);
            yield return (t, null);
        }

        var dir = Path.Combine(Path.GetTempPath(), "kbgen-simpletext-" + Guid.NewGuid().ToString("N"));
        try
        {
            CorpusGenerator.Write(dir, 12);
            foreach (var content in new[] { RepoRoot.SampleContent, dir })
            {
                var kb = KbLoad.LoadAndValidate(content, new ValidationContext(new DateOnly(2026, 1, 15))).KnowledgeBase!;
                foreach (var t in kb.Topics)
                {
                    var n = new CitationNumbering(t, kb.FindReference);
                    foreach (var m in ClaimWalk.AllText(t)) yield return (m, n);
                }
                foreach (var p in kb.Pages) yield return (p.Body, null);
            }
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static MarkdownText Read(string s) =>
        MarkdownReader.FromFileRegion(s, 0, SourceSpan.None, new LineIndex(s), new DiagnosticBag());

    [Fact]
    public void Simple_fields_read_and_render_as_through_Markdig()
    {
        var simple = 0;
        foreach (var (field, numbering) in Fields())
        {
            var s = field.Source;
            if (SimpleText.Scan(s) is null) continue;
            simple++;

            var fastBag = new DiagnosticBag();
            var fast = MarkdownReader.FromFileRegion(s, 0, SourceSpan.None, new LineIndex(s), fastBag);
            var slowBag = new DiagnosticBag();
            var slow = MarkdownReader.BuildMarkdig(new MarkdownText(s, SourceSpan.None, new OffsetMap()), s, slowBag);
            Assert.Equal(0, fastBag.Count);
            Assert.Equal(0, slowBag.Count);
            Assert.Equal(slow.Citations.Select(c => (c.ReferenceId, c.Span)), fast.Citations.Select(c => (c.ReferenceId, new OffsetMap().PositionOf(s, 0, s.Length, SpanOffset(c))!.Value)));

            Assert.Equal(PlainText.OfMarkdig(s), PlainText.Of(s));
            var appended = new System.Text.StringBuilder(" x ");
            PlainText.AppendTo(appended, field);
            Assert.Equal(" x " + PlainText.OfMarkdig(s), appended.ToString());
            Func<string, int> number = id => numbering?.NumberOf(id) ?? 0;
            var (chartText, chartNumbers) = ChartText.Parse(s, number);
            var (patternText, patternNumbers) = ChartText.ParseWithPatterns(s, number);
            Assert.Equal(patternText, chartText);
            Assert.Equal(patternNumbers, chartNumbers);
            foreach (var inline in new[] { true, false })
                Assert.Equal(HtmlMarkdown.RenderMarkdig(s, numbering, inline),
                    inline ? HtmlMarkdown.Inline(field, numbering) : HtmlMarkdown.Block(field, numbering));
        }
        Assert.True(simple > 500, $"only {simple} simple fields");
    }

    /// <summary>The offset a citation was given: fields read here start at line 1, column 1 of
    /// their "file", so the column is the offset plus one.</summary>
    private static int SpanOffset(Citation c) => c.Span.Column - 1;

    [Theory]
    [InlineData("pain [@a].", true)]
    [InlineData("a [@b; @a] c", true)]
    [InlineData("x *em*", false)]
    [InlineData("see http://example.org", false)]
    [InlineData("www.example.org", false)]
    [InlineData("x [@a;]", false)]
    [InlineData("two  spaces", false)]
    [InlineData("1. a", false)]
    [InlineData("a\nb", false)]
    public void Only_plain_words_and_valid_citations_are_simple(string text, bool simple) =>
        Assert.Equal(simple, SimpleText.Scan(text) is not null);
}
