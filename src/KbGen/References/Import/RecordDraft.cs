using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.References.Import;

/// <summary>What one parser read from one record, before it is checked and given an id.</summary>
internal sealed class RecordDraft
{
    public required SourceSpan Span { get; init; }
    public string? Title { get; set; }
    public List<string> Authors { get; } = [];
    public string? Organization { get; set; }
    public string? Journal { get; set; }
    public int? Year { get; set; }
    public string? Month { get; set; }
    public string? Volume { get; set; }
    public string? Issue { get; set; }
    public string? StartPage { get; set; }
    public string? EndPage { get; set; }
    public string? Pages { get; set; }
    public string? Doi { get; set; }
    public string? Pmid { get; set; }
    public DateOnly? Epub { get; set; }
    public string? Url { get; set; }
    public string? Abstract { get; set; }
    public List<string> TypeLabels { get; } = [];

    /// <summary>A reference with an empty id, or the reason the record cannot become one.</summary>
    public ParsedRecord Build()
    {
        var title = Clean(Title);
        if (title is not null && title.EndsWith('.') && !title.EndsWith("..", StringComparison.Ordinal)) title = title[..^1]; // PubMed ends titles with "."
        var missing = new List<string>();
        if (title is null) missing.Add("title");
        if (Year is null) missing.Add("year");
        var authors = Authors.Select(Clean).OfType<string>().ToList();
        var org = Clean(Organization);
        if (authors.Count == 0 && org is null) missing.Add("authors or organization");
        if (missing.Count > 0)
            return ParsedRecord.Fail(new Diagnostic(Severity.Error, DiagnosticCodes.RecordMissingField.Code, Span,
                $"record has no {string.Join(", ", missing)}"));

        var type = PublicationTypes.FromLabels(TypeLabels);
        return ParsedRecord.Ok(new Reference
        {
            Id = "",
            Type = type,
            Title = title!,
            Authors = authors,
            Organization = org,
            Journal = Clean(Journal),
            Year = Year!.Value,
            Month = Clean(Month),
            Volume = Clean(Volume),
            Issue = Clean(Issue),
            Pages = Clean(Pages) is { } p ? NormalisePages(p) : JoinPages(Clean(StartPage), Clean(EndPage)),
            Doi = CleanDoi(Doi),
            Pmid = Clean(Pmid) is { } pm && pm.All(char.IsAsciiDigit) ? pm : null,
            Epub = Epub,
            Url = Clean(Url),
            Abstract = Abstract is null ? null : CleanParagraphs(Abstract),
            Span = Span,
        });
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : TextFolding.Squash(s.Trim());

    // Exports write "895--903", "895 – 903"; the content format keeps a plain hyphen.
    private static string NormalisePages(string p) =>
        string.Join('-', p.Split(['-', '–', '—'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string? JoinPages(string? start, string? end) =>
        start is null ? null : end is null || end == start ? NormalisePages(start) : $"{start}-{end}";

    /// <summary>"https://doi.org/10.1/x", "doi:10.1/x", "10.1/x [doi]" → "10.1/x".</summary>
    public static string? CleanDoi(string? doi)
    {
        var d = Clean(doi);
        if (d is null) return null;
        foreach (var prefix in new[] { "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "doi: " })
            if (d.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) d = d[prefix.Length..].Trim();
        if (d.EndsWith("[doi]", StringComparison.OrdinalIgnoreCase)) d = d[..^5].Trim();
        return d.StartsWith("10.", StringComparison.Ordinal) ? d : null;
    }

    // Abstracts keep their paragraphs (blank lines) but lose the export's line wrapping.
    private static string CleanParagraphs(string text) =>
        string.Join("\n\n", text.Replace("\r", "").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(TextFolding.Squash).Where(p => p.Length > 0));
}

/// <summary>One record out of a parser: a reference (id still empty) or an error with its line.</summary>
internal readonly record struct ParsedRecord(Reference? Reference, Diagnostic? Error)
{
    public static ParsedRecord Ok(Reference r) => new(r, null);
    public static ParsedRecord Fail(Diagnostic d) => new(null, d);

    public static ParsedRecord Fail(DiagnosticDescriptor d, SourceSpan span, string message) =>
        new(null, new Diagnostic(d.Severity, d.Code, span, message));
}
