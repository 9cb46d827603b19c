using KbGen.Model;
using KbGen.Publishing;

namespace KbGen.Rendering.Html;

/// <summary>A topic as it is shown: the version chosen by the channel rule, with its label.</summary>
public sealed record ShownTopic(Topic Topic, int? Version, DateOnly? Published, IReadOnlyList<Reference> References, bool IsWorkingCopy);

/// <summary>Everything the site renderer reads: the validated model, the chosen topics, and how to
/// format references. Renderers never read content files.</summary>
public sealed record SiteContext(
    KnowledgeBase Kb,
    Channel Channel,
    IReadOnlyList<ShownTopic> Topics,
    Func<Reference, string> ReferenceHtml,
    Func<Topic, CitationNumbering, (string Svg, string TextList)?> Chart,
    DateTimeOffset BuildTime)
{
    /// <summary>Real today, for "review due" labels in preview.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(BuildTime.UtcDateTime);
    /// <summary>Whether this build writes handouts and charts, so pages link to them.</summary>
    public bool HasHandouts { get; init; }
    public bool HasCharts { get; init; }
}
