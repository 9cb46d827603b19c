using KbGen.References.Import;

namespace KbGen.Tests.References;

public class ParsingDetailTests
{
    [Theory]
    [InlineData(@"M{\""u}ller", "Müller")]
    [InlineData(@"Caf\'e", "Café")]
    [InlineData(@"Fran\c{c}ois", "François")]
    [InlineData(@"Espa\~na", "España")]
    [InlineData(@"Stra\ss e", "Straße")]
    [InlineData(@"{\O}deg{\aa}rd", "Ødegård")]
    [InlineData(@"Garc{\'\i}a", "García")]
    [InlineData(@"pages 1--9 --- see \emph{this} \& that", "pages 1–9 — see this & that")]
    [InlineData(@"\url{x}", "x")]
    public void Latex_is_decoded_to_unicode(string latex, string expected) =>
        Assert.Equal(expected, LatexDecoder.Decode(latex));

    [Theory]
    [InlineData("Francis, Roger M.", "Francis RM")]
    [InlineData("Francis, R.M.", "Francis RM")]
    [InlineData("Francis, R M", "Francis RM")]
    [InlineData("Dupont, Jean-Pierre", "Dupont JP")]
    [InlineData("Smith, John, Jr.", "Smith J Jr")]
    [InlineData("van der Berg, Anna B", "van der Berg AB")]
    public void Inverted_names_become_surname_and_initials(string name, string expected) =>
        Assert.Equal(expected, AuthorNames.FromInverted(name));

    [Theory]
    [InlineData("Roger M. Francis", "Francis RM")]
    [InlineData("Ludwig van Beethoven", "van Beethoven L")]
    public void Direct_names_become_surname_and_initials(string name, string expected) =>
        Assert.Equal(expected, AuthorNames.FromDirect(name));

    [Theory]
    [InlineData("Müller", "muller")]
    [InlineData("Ødegård", "odegard")]
    [InlineData("O'Brien", "obrien")]
    [InlineData("Núñez-García", "nunez-garcia")]
    [InlineData("van der Berg", "van-der-berg")]
    public void Ids_fold_accents_to_lower_case_ascii(string surname, string expected) =>
        Assert.Equal(expected, TextFolding.Slug(surname));

    [Fact]
    public void Bibtex_concatenation_macros_and_quotes_are_resolved()
    {
        var parsed = ReferenceImporter.Parse("""
            @string{jn = "Osteoporos"}
            @ARTICLE(k, title = "A {\"u}ber " # {test}, author = "Doe, J", journal = jn # " Int", year = "2001", month = 12)
            """, "x.bib");
        var r = Assert.Single(parsed).Reference!;
        Assert.Equal(("A über test", "Osteoporos Int", "Dec"), (r.Title, r.Journal, r.Month));
    }

    [Fact]
    public void Yaml_writer_quotes_what_yaml_would_misread()
    {
        Assert.Equal("\"yes\"", ReferenceYamlWriter.Scalar("yes", flow: false));
        Assert.Equal("\"2020-01-01\"", ReferenceYamlWriter.Scalar("2020-01-01", flow: false));
        Assert.Equal("\"[Title in brackets]\"", ReferenceYamlWriter.Scalar("[Title in brackets]", flow: false));
        Assert.Equal("\"a: b\"", ReferenceYamlWriter.Scalar("a: b", flow: false));
        Assert.Equal("\"Smith, Jr\"", ReferenceYamlWriter.Scalar("Smith, Jr", flow: true));
        Assert.Equal("Back pain", ReferenceYamlWriter.Scalar("Back pain", flow: false));
    }
}
