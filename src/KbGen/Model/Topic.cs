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
    public SourceSpan Span { get; init; }
    /// <summary>The file it was loaded from.</summary>
    public string FilePath { get; init; } = "";

    // The body: the two audiences' texts, the algorithm and the pitfalls. A topic read back from
    // the build cache decodes it on first use (TopicBody.Later): an incremental build lists its
    // unchanged topics by their heads alone and never needs most bodies.
    private AudienceText _clinician = AudienceText.Empty;
    private AudienceText _patient = AudienceText.Empty;
    private Algorithm? _algorithm;
    private IReadOnlyList<Claim> _pitfalls = [];
    private bool _hasAlgorithm;
    private Lazy<TopicBody>? _later;

    public AudienceText Clinician { get => _later is { } l ? l.Value.Clinician : _clinician; init { Settle(); _clinician = value; } }
    public AudienceText Patient { get => _later is { } l ? l.Value.Patient : _patient; init { Settle(); _patient = value; } }
    public Algorithm? Algorithm { get => _later is { } l ? l.Value.Algorithm : _algorithm; init { Settle(); _algorithm = value; _hasAlgorithm = value is not null; } }
    public IReadOnlyList<Claim> Pitfalls { get => _later is { } l ? l.Value.Pitfalls : _pitfalls; init { Settle(); _pitfalls = value; } }

    /// <summary>Whether the topic has an algorithm, known without decoding a deferred body.</summary>
    public bool HasAlgorithm => _hasAlgorithm;

    /// <summary>A body decoded on first use (thread-safe, once); its <c>HasAlgorithm</c> must say
    /// what the body will hold.</summary>
    public TopicBody.Deferred Later { init { _later = new Lazy<TopicBody>(value.Decode); _hasAlgorithm = value.HasAlgorithm; } }

    /// <summary>Whether the body has been decoded (or never was deferred): for tests.</summary>
    internal bool BodyDecoded => _later is null || _later.IsValueCreated;

    // An init of a body property on a topic with a deferred body (a `with` expression) takes the
    // decoded body first, so that the other body properties keep their values.
    private void Settle()
    {
        if (_later is not { } l) return;
        var b = l.Value;
        (_clinician, _patient, _algorithm, _pitfalls, _later) = (b.Clinician, b.Patient, b.Algorithm, b.Pitfalls, null);
    }
}

/// <summary>The part of a topic that only its own pages, handouts, chart and checks read.</summary>
public sealed record TopicBody(AudienceText Clinician, AudienceText Patient, Algorithm? Algorithm, IReadOnlyList<Claim> Pitfalls)
{
    /// <summary>How to decode a body later, and whether it holds an algorithm.</summary>
    public sealed record Deferred(Func<TopicBody> Decode, bool HasAlgorithm);
}
