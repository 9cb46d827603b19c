using KbGen.References.Import;
using KbGen.References.Styles;

namespace KbGen.Tests.References;

/// <summary>The Francis 2008 seed, from either export, formats exactly as the brief requires.</summary>
public class SeedFormattingTests
{
    private const string Vancouver = "Francis RM, Aspray TJ, Hide G, Sutcliffe AM, Wilkinson P. Back pain in osteoporotic vertebral fractures. Osteoporos Int. 2008 Jul;19(7):895-903. doi: 10.1007/s00198-007-0530-x. Epub 2007 Dec 11.";
    private const string Ama = "Francis RM, Aspray TJ, Hide G, Sutcliffe AM, Wilkinson P. Back pain in osteoporotic vertebral fractures. Osteoporos Int. 2008;19(7):895-903. doi:10.1007/s00198-007-0530-x";

    [Theory]
    [InlineData("francis-2008.nbib")]
    [InlineData("francis-2008.ris")]
    public void Francis_seed_formats_exactly_in_both_styles(string seed)
    {
        using var content = new TempContent();
        var report = new ReferenceImporter().Import([Path.Combine(Support.RepoRoot.Path, "seeds", seed)], content.Root, dryRun: true);

        var added = Assert.Single(report.Added);
        Assert.Equal("francis-2008", added.Id);
        Assert.Equal("review", added.Reference.Type);
        Assert.Null(added.Reference.Pmid); // the seed gives none, so none is invented
        Assert.Equal(Vancouver, CitationStyles.Format(added.Reference, "vancouver").PlainText);
        Assert.Equal(Ama, CitationStyles.Format(added.Reference, "AMA").PlainText);
    }

    [Fact]
    public void Ama_segments_italicise_the_journal_and_link_the_doi()
    {
        var r = ReferenceImporter.Parse(File.ReadAllText(Path.Combine(Support.RepoRoot.Path, "seeds", "francis-2008.nbib")), "x.nbib")[0].Reference!;
        var segments = CitationStyles.Ama.Format(r).Segments;

        var italic = Assert.Single(segments, s => s.Italic);
        Assert.Equal("Osteoporos Int", italic.Text);
        var link = Assert.Single(segments, s => s.Link is not null);
        Assert.Equal("10.1007/s00198-007-0530-x", link.Text);
        Assert.Equal("https://doi.org/10.1007/s00198-007-0530-x", link.Link);
        Assert.DoesNotContain(CitationStyles.Vancouver.Format(r).Segments, s => s.Italic); // Vancouver uses no italics
    }

    [Fact]
    public void Unknown_style_name_is_refused()
    {
        Assert.False(CitationStyles.TryGet("apa", out _));
        Assert.Throws<ArgumentException>(() => CitationStyles.Get("harvard"));
    }
}
