using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.Validation;

/// <summary>One check over the loaded model. Rules only read the model and report; they never fix.
/// What a rule says about one topic goes in <see cref="CheckTopic"/> and may depend only on that
/// topic and the <see cref="RuleContext"/> (the validator keeps those results with the topic, and
/// serve's rebuilds reuse them for unchanged topics); what spans topics or concerns other files
/// goes in <see cref="CheckKnowledgeBase"/>.</summary>
public interface IValidationRule
{
    void CheckTopic(Topic topic, RuleContext context, DiagnosticBag diagnostics) { }

    void CheckKnowledgeBase(KnowledgeBase kb, RuleContext context, Func<Topic, IReadOnlyCollection<string>> citedIds, DiagnosticBag diagnostics) { }
}

/// <summary>What rules need besides the model: today's date (pinned in tests) for "future" and "review due".</summary>
public sealed record ValidationContext(DateOnly Today)
{
    public static ValidationContext Now() => new(DateOnly.FromDateTime(DateTime.UtcNow));
}

/// <summary>Everything a per-topic check may depend on besides the topic itself.</summary>
public sealed class RuleContext
{
    public RuleContext(DateOnly today, KbSettings settings, IReadOnlyList<Reference> references)
    {
        Today = today;
        Settings = settings;
        KnownReferences = references.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        SortedReferences = KnownReferences.Order(StringComparer.Ordinal).ToList();
        // The memo key: the same key means the same per-topic results.
        Key = $"{today:O}|{settings.ReviewIntervalMonths}|{string.Join(",", SortedReferences)}";
    }

    public DateOnly Today { get; }
    public KbSettings Settings { get; }
    public HashSet<string> KnownReferences { get; }
    public IReadOnlyList<string> SortedReferences { get; }
    internal string Key { get; }
}
