using KbGen.Diagnostics;
using KbGen.Loading.Yaml;
using KbGen.Model;

namespace KbGen.Loading.Readers;

public static class ReferenceReader
{
    public static Reference? Read(YNode? root, FileContext file, string? expectedId)
    {
        var m = MapReader.Of(root, file, "a reference");
        if (m is null) return null;
        var id = m.FileId(expectedId);
        var type = m.Enum("type", ReferenceTypes.All, required: true);
        var title = m.String("title", required: true);
        var authors = m.StringList("authors");
        var organization = m.String("organization");
        var journal = m.String("journal");
        var yearSpan = m.Node("year")?.Span ?? m.Span;
        var year = m.Int("year", required: true, min: 1800, max: 2200);
        var month = m.String("month");
        var volume = m.String("volume");
        var issue = m.String("issue");
        var pages = m.String("pages");
        var doi = m.String("doi");
        var pmid = m.String("pmid");
        var epubSpan = m.Node("epub")?.Span ?? m.Span;
        var epub = m.Date("epub");
        var urlNode = m.Scalar("url");
        var url = m.String("url");
        var abs = m.String("abstract");
        m.Done();

        if (authors.Count == 0 && string.IsNullOrWhiteSpace(organization))
            file.Diagnostics.Add(DiagnosticCodes.AuthorsOrOrganization, m.Span, "a reference needs 'authors' or 'organization'");
        if (type is not null && ReferenceTypes.NeedsJournal(type) && string.IsNullOrWhiteSpace(journal))
            file.Diagnostics.Add(DiagnosticCodes.MissingJournal, m.Span, $"a reference of type '{type}' needs a 'journal'");
        if (doi is not null && !ReferenceRules.IsDoi(doi))
            file.Diagnostics.Add(DiagnosticCodes.BadDoi, m.Node("doi")!.Span, $"'{doi}' is not a DOI (expected 10.NNNN/suffix)");
        if (pmid is not null && !ReferenceRules.IsPmid(pmid))
            file.Diagnostics.Add(DiagnosticCodes.BadPmid, m.Node("pmid")!.Span, $"'{pmid}' is not a PMID (digits only)");
        if (url is not null && !Markdown.LinkRules.IsAllowed(url))
            file.Diagnostics.Add(DiagnosticCodes.UnsafeLink, urlNode!.Span, $"url '{url}' is not allowed; only http and https");

        if (id is null || type is null || title is null || year is null) return null;
        return new Reference
        {
            Id = id, Type = type, Title = title, Authors = authors, Organization = organization, Journal = journal,
            Year = year.Value, Month = month, Volume = volume, Issue = issue, Pages = pages,
            Doi = doi is not null && ReferenceRules.IsDoi(doi) ? doi : null,
            Pmid = pmid is not null && ReferenceRules.IsPmid(pmid) ? pmid : null,
            Epub = epub, YearSpan = yearSpan, EpubSpan = epubSpan, Url = url is not null && Markdown.LinkRules.IsAllowed(url) ? url : null, Abstract = abs, Span = m.Span,
        };
    }
}

public static partial class ReferenceRules
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^10\.\d{4,9}/\S+$")]
    private static partial System.Text.RegularExpressions.Regex Doi();

    public static bool IsDoi(string s) => s.Length <= 300 && Doi().IsMatch(s);
    public static bool IsPmid(string s) => s.Length is > 0 and <= 9 && s.All(char.IsAsciiDigit);
}
