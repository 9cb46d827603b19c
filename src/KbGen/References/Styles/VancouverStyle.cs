using KbGen.Model;

namespace KbGen.References.Styles;

/// <summary>Vancouver as ICMJE and NLM's Citing Medicine write it (and PubMed prints it):
/// Authors. Title. Journal. Year Mon;Vol(Issue):pages. doi: X. Epub Year Mon Day. PMID: N.</summary>
internal sealed class VancouverStyle : ICitationStyle
{
    public string Name => "vancouver";

    public FormattedReference Format(Reference r)
    {
        var b = new SegmentBuilder();
        if (StyleParts.Byline(r, max: 6, keep: 6) is { } byline) b.Text(StyleParts.Sentence(byline.EndsWith("et al") ? byline + "." : byline) + " ");

        if (StyleParts.HasJournal(r))
        {
            b.Text(StyleParts.Sentence(r.Title) + " ");
            b.Text(StyleParts.Sentence(r.Journal!) + " ");
            b.Text(Source(r) + ". ");
        }
        else
        {
            // A document on its own (a guideline on a website): Citing Medicine's book/web form.
            var title = r.Title.TrimEnd('.');
            b.Text(r.Url is null ? StyleParts.Sentence(title) + " " : $"{title} [Internet]. ");
            var date = r.Month is null ? $"{r.Year}" : $"{r.Year} {r.Month}";
            b.Text(r.Organization is { } publisher ? $"{publisher}; {date}. " : $"{date}. ");
        }

        if (r.Doi is { } doi) b.Text("doi: ").Link(doi, StyleParts.DoiUrl(doi)).Text(". ");
        if (r.Epub is { } epub) b.Text($"Epub {StyleParts.NlmDate(epub)}. ");
        if (r.Pmid is { } pmid) b.Text("PMID: ").Link(pmid, StyleParts.PubMedUrl(pmid)).Text(". ");
        if (r.Url is { } url && (r.Doi is null || !StyleParts.HasJournal(r))) b.Text("Available from: ").Link(url, url);
        return b.Build();
    }

    // "2008 Jul;19(7):895-903", "2008;19:12-8", "2008 Jul"
    private static string Source(Reference r)
    {
        var s = r.Month is null ? r.Year.ToString() : $"{r.Year} {r.Month}";
        if (r.Volume is not null || r.Issue is not null)
            s += ";" + (r.Volume ?? "") + (r.Issue is null ? "" : $"({r.Issue})");
        if (r.Pages is not null) s += ":" + StyleParts.AbbreviatePages(r.Pages);
        return s;
    }
}
