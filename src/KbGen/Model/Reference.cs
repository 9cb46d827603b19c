namespace KbGen.Model;

public static class ReferenceTypes
{
    public static readonly IReadOnlyList<string> All =
        ["guideline", "systematic-review", "rct", "cohort", "case-control", "review", "expert-opinion", "other"];

    /// <summary>Types that need no journal (design: guideline, expert-opinion, other).</summary>
    public static bool NeedsJournal(string type) => type is not ("guideline" or "expert-opinion" or "other");
}

/// <summary>One source of evidence, as in content/references/&lt;id&gt;.yaml.</summary>
public sealed record Reference
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Title { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? Organization { get; init; }
    public string? Journal { get; init; }
    public int Year { get; init; }
    public string? Month { get; init; }
    public string? Volume { get; init; }
    public string? Issue { get; init; }
    public string? Pages { get; init; }
    public string? Doi { get; init; }
    public string? Pmid { get; init; }
    public DateOnly? Epub { get; init; }
    public string? Url { get; init; }
    public string? Abstract { get; init; }
    public SourceSpan Span { get; init; }
    /// <summary>Where `year:` and `epub:` are written, for diagnostics about those dates.</summary>
    public SourceSpan YearSpan { get; init; }
    public SourceSpan EpubSpan { get; init; }
}
