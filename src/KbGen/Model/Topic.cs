namespace KbGen.Model;

public enum ReviewStatus { Draft, Submitted, UnderReview, Approved }

public static class ReviewStatusNames
{
    public static string ToName(this ReviewStatus s) => s switch
    {
        ReviewStatus.Draft => "draft",
        ReviewStatus.Submitted => "submitted",
        ReviewStatus.UnderReview => "under-review",
        _ => "approved",
    };

    public static bool TryParse(string? text, out ReviewStatus status)
    {
        switch (text)
        {
            case "draft": status = ReviewStatus.Draft; return true;
            case "submitted": status = ReviewStatus.Submitted; return true;
            case "under-review": status = ReviewStatus.UnderReview; return true;
            case "approved": status = ReviewStatus.Approved; return true;
            default: status = ReviewStatus.Draft; return false;
        }
    }

    public static string Label(this ReviewStatus s) => s switch
    {
        ReviewStatus.Draft => "Draft",
        ReviewStatus.Submitted => "Submitted",
        ReviewStatus.UnderReview => "Under review",
        _ => "Approved",
    };
}

public sealed record ReviewStep(ReviewStatus Status, DateOnly Date, string By, string? Note, SourceSpan Span);

public sealed record Review(ReviewStatus Status, IReadOnlyList<ReviewStep> History, SourceSpan Span)
{
    /// <summary>The most recent approval step, if any.</summary>
    public ReviewStep? LastApproval => History.LastOrDefault(h => h.Status == ReviewStatus.Approved);
}

/// <summary>A cited statement; nested items have the same shape.</summary>
public sealed record Claim(MarkdownText Text, string? Strength, string? Certainty, IReadOnlyList<Claim> Items, SourceSpan Span);

public sealed record Section(string Title, IReadOnlyList<Claim> Items, SourceSpan Span);

/// <summary>One language layer of a topic: professional (clinician) or plain (patient).</summary>
public sealed record AudienceText(MarkdownText? Summary, IReadOnlyList<Section> Sections, IReadOnlyList<Claim> RedFlags, SourceSpan Span)
{
    public static readonly AudienceText Empty = new(null, [], [], SourceSpan.None);
}

public sealed record Topic
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Question { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public required Review Review { get; init; }
    public DateOnly Updated { get; init; }
    /// <summary>Where `updated:` is written, for diagnostics about that date.</summary>
    public SourceSpan UpdatedSpan { get; init; }
    public required MarkdownText Summary { get; init; }
    public AudienceText Clinician { get; init; } = AudienceText.Empty;
    public AudienceText Patient { get; init; } = AudienceText.Empty;
    public Algorithm? Algorithm { get; init; }
    public IReadOnlyList<Claim> Pitfalls { get; init; } = [];
    public SourceSpan Span { get; init; }
    /// <summary>The file it was loaded from.</summary>
    public string FilePath { get; init; } = "";
}
