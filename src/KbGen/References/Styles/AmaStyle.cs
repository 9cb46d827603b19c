using KbGen.Model;

namespace KbGen.References.Styles;

/// <summary>AMA Manual of Style, 11th edition: all authors up to six, else three and "et al";
/// italic journal; Year;Vol(Issue):full page range; "doi:X" with no closing period.</summary>
internal sealed class AmaStyle : ICitationStyle
{
    public string Name => "ama";

    public FormattedReference Format(Reference r)
    {
        var b = new SegmentBuilder();
        if (StyleParts.Byline(r, max: 6, keep: 3) is { } byline) b.Text(StyleParts.Sentence(byline) + " ");
        b.Text(StyleParts.Sentence(r.Title) + " ");

        if (StyleParts.HasJournal(r))
        {
            b.Italic(r.Journal!.TrimEnd('.')).Text(". ");
            if (r.Volume is null && r.Pages is null && r.Epub is { } epub)
                b.Text($"Published online {StyleParts.AmaDate(epub)}. "); // online first, not yet in an issue
            else b.Text(Source(r) + ". ");
        }
        else
        {
            // A document on a website (a guideline): Author. Title. Site. Published year. URL
            if (r.Authors.Count > 0 && r.Organization is { } site) b.Text(StyleParts.Sentence(site) + " ");
            b.Text($"Published {StyleParts.AmaMonthYear(r)}. ");
        }

        // AMA gives the DOI when there is one; otherwise a URL (the PubMed page if that is all we have).
        if (r.Doi is { } doi) b.Text("doi:").Link(doi, StyleParts.DoiUrl(doi));
        else if (r.Url is { } url) b.Link(url, url);
        else if (r.Pmid is { } pmid) b.Link(StyleParts.PubMedUrl(pmid), StyleParts.PubMedUrl(pmid));
        return b.Build();
    }

    // "2008;19(7):895-903", "2008;19:1234-1239", "2008"
    private static string Source(Reference r)
    {
        var s = r.Year.ToString();
        if (r.Volume is not null || r.Issue is not null)
            s += ";" + (r.Volume ?? "") + (r.Issue is null ? "" : $"({r.Issue})");
        if (r.Pages is not null) s += ":" + StyleParts.ExpandPages(r.Pages);
        return s;
    }
}
