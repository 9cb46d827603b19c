using System.Runtime.CompilerServices;
using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.Validation;

/// <summary>Runs every rule and collects every problem. Per-topic results are kept with the topic
/// object for as long as it lives, under a key of everything they depend on (today, settings, the
/// set of reference ids): serve keeps unchanged topics between rebuilds, so a rebuild checks only
/// the topic that changed.</summary>
public static class Validator
{
    public static IReadOnlyList<IValidationRule> Rules { get; } =
    [
        new CitationRule(),
        new ReviewHistoryRule(),
        new DateRule(),
        new AlgorithmRule(),
        new NeedsContentRule(),
        new ReadingLevelRule(),
        new ReviewDueRule(),
    ];

    private sealed record TopicChecks(string Key, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyCollection<string> CitedIds);

    private static readonly ConditionalWeakTable<Topic, TopicChecks> Memo = new();

    public static void Validate(KnowledgeBase kb, ValidationContext context, DiagnosticBag diagnostics)
    {
        var rules = new RuleContext(context.Today, kb.Settings, kb.References);
        var checks = new TopicChecks[kb.Topics.Count];
        Parallel.For(0, checks.Length, i => checks[i] = Check(kb.Topics[i], rules));
        foreach (var c in checks) diagnostics.AddRange(c.Diagnostics);
        var cited = new Dictionary<Topic, IReadOnlyCollection<string>>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < checks.Length; i++) cited[kb.Topics[i]] = checks[i].CitedIds;
        foreach (var rule in Rules) rule.CheckKnowledgeBase(kb, rules, t => cited[t], diagnostics);
    }

    /// <summary>The per-topic results last worked out (or seeded) for a topic, with the context key
    /// they hold for: what the build keeps on disk for the next build.</summary>
    internal static (string Key, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyCollection<string> CitedIds)? Known(Topic topic) =>
        Memo.TryGetValue(topic, out var c) ? (c.Key, c.Diagnostics, c.CitedIds) : null;

    /// <summary>Per-topic results kept from an earlier build of exactly this topic file; used only
    /// while the context key matches.</summary>
    internal static void Seed(Topic topic, string key, IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<string> citedIds)
    {
        Memo.AddOrUpdate(topic, new TopicChecks(key, diagnostics, citedIds));
        ClaimWalk.Seed(topic, citedIds); // the same list: the checks' cited ids are the walk's
    }

    private static TopicChecks Check(Topic topic, RuleContext context)
    {
        if (Memo.TryGetValue(topic, out var known) && known.Key == context.Key) return known;
        var bag = new DiagnosticBag();
        foreach (var rule in Rules) rule.CheckTopic(topic, context, bag);
        var result = new TopicChecks(context.Key, bag.Sorted(), ClaimWalk.CitedIds(topic));
        Memo.AddOrUpdate(topic, result);
        return result;
    }
}
