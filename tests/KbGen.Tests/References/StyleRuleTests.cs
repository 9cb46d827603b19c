using KbGen.Model;
using KbGen.References.Styles;

namespace KbGen.Tests.References;

public class StyleRuleTests
{
    private static Reference Article(params string[] authors) => new()
    {
        Id = "x-2020", Type = "rct", Title = "A trial", Authors = authors, Journal = "J Test", Year = 2020,
    };

    [Theory]
    [InlineData("895-903", "895-903")]
    [InlineData("1234-1239", "1234-9")]
    [InlineData("123-128", "123-8")]
    [InlineData("1199-1201", "1199-201")]
    [InlineData("e123", "e123")]
    [InlineData("S4-S9", "S4-S9")]
    public void Vancouver_drops_repeated_leading_digits_of_the_end_page(string pages, string expected) =>
        Assert.Equal(expected, StyleParts.AbbreviatePages(pages));

    [Theory]
    [InlineData("1234-9", "1234-1239")]
    [InlineData("1199-201", "1199-1201")]
    [InlineData("895-903", "895-903")]
    public void Ama_writes_full_page_ranges(string pages, string expected) =>
        Assert.Equal(expected, StyleParts.ExpandPages(pages));

    [Fact]
    public void Six_authors_are_all_listed_seven_are_cut_as_each_style_says()
    {
        var six = Article("A A", "B B", "C C", "D D", "E E", "F F");
        var seven = Article("A A", "B B", "C C", "D D", "E E", "F F", "G G");
        Assert.StartsWith("A A, B B, C C, D D, E E, F F. A trial.", CitationStyles.Vancouver.Format(six).PlainText);
        Assert.StartsWith("A A, B B, C C, D D, E E, F F. A trial.", CitationStyles.Ama.Format(six).PlainText);
        Assert.StartsWith("A A, B B, C C, D D, E E, F F, et al. A trial.", CitationStyles.Vancouver.Format(seven).PlainText);
        Assert.StartsWith("A A, B B, C C, et al. A trial.", CitationStyles.Ama.Format(seven).PlainText);
    }

    [Fact]
    public void Record_without_volume_issue_or_pages_ends_after_the_date()
    {
        var r = Article("Doe JF") with { Month = "Mar" };
        Assert.Equal("Doe JF. A trial. J Test. 2020 Mar.", CitationStyles.Vancouver.Format(r).PlainText);
        Assert.Equal("Doe JF. A trial. J Test. 2020.", CitationStyles.Ama.Format(r).PlainText);
    }

    [Fact]
    public void Online_first_article_in_ama_says_published_online_and_pmid_links_in_vancouver()
    {
        var r = Article("Doe JF") with { Epub = new DateOnly(2024, 1, 5), Pmid = "12345678" };
        Assert.Equal("Doe JF. A trial. J Test. Published online January 5, 2024. https://pubmed.ncbi.nlm.nih.gov/12345678/", CitationStyles.Ama.Format(r).PlainText);
        var v = CitationStyles.Vancouver.Format(r);
        Assert.Equal("Doe JF. A trial. J Test. 2020. Epub 2024 Jan 5. PMID: 12345678.", v.PlainText);
        Assert.Contains(v.Segments, s => s.Text == "12345678" && s.Link == "https://pubmed.ncbi.nlm.nih.gov/12345678/");
    }

    [Fact]
    public void Title_ending_in_a_question_mark_gets_no_extra_period()
    {
        var r = Article("Doe JF") with { Title = "Does bracing help?", Volume = "3", Pages = "1-9" };
        Assert.Equal("Doe JF. Does bracing help? J Test. 2020;3:1-9.", CitationStyles.Vancouver.Format(r).PlainText);
    }
}
