namespace KbGen.References.Import;

/// <summary>Maps export labels (PubMed PT, RIS M3/KW, BibTeX type/keywords) to our reference types.
/// The strongest evidence type wins: a "Review" that is also a "Meta-Analysis" is a systematic review.</summary>
internal static class PublicationTypes
{
    private static readonly (string Label, string Type)[] Rules =
    [
        ("practice guideline", "guideline"), ("guideline", "guideline"), ("consensus statement", "guideline"),
        ("systematic review", "systematic-review"), ("meta-analysis", "systematic-review"), ("meta analysis", "systematic-review"),
        ("randomized controlled trial", "rct"), ("randomised controlled trial", "rct"), ("rct", "rct"),
        ("cohort studies", "cohort"), ("cohort study", "cohort"), ("cohort", "cohort"),
        ("case-control studies", "case-control"), ("case-control study", "case-control"), ("case-control", "case-control"),
        ("review", "review"),
        ("editorial", "expert-opinion"), ("expert opinion", "expert-opinion"), ("comment", "expert-opinion"),
    ];

    public static string FromLabels(IEnumerable<string> labels)
    {
        var set = labels.Select(l => l.Trim().ToLowerInvariant()).Where(l => l.Length > 0).ToHashSet();
        // Exact label, or a label ending with it ("Clinical guideline", "Narrative review").
        foreach (var (label, type) in Rules)
            if (set.Any(l => l == label || l.EndsWith(" " + label, StringComparison.Ordinal))) return type;
        return "other";
    }
}
