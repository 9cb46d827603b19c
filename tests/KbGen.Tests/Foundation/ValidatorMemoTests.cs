using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Tests.Support;
using KbGen.Validation;

namespace KbGen.Tests.Foundation;

/// <summary>Per-topic results are kept with the topic, but only under the context they were made
/// in: a removed reference, another day or another review interval checks the topic again.</summary>
public sealed class ValidatorMemoTests
{
    private static IReadOnlyList<Diagnostic> Validate(KbGen.Model.KnowledgeBase kb, DateOnly today)
    {
        var bag = new DiagnosticBag();
        Validator.Validate(kb, new ValidationContext(today), bag);
        return bag.Sorted();
    }

    [Fact]
    public void Kept_results_are_the_same_and_a_changed_context_checks_again()
    {
        using var tree = ContentTree.Valid();
        var kb = ContentLoader.Load(tree.Content, new DiagnosticBag())!;
        var first = Validate(kb, ContentTree.Today);
        Assert.Empty(first);
        Assert.Equal(first, Validate(kb, ContentTree.Today));

        // The same topic objects, the reference gone: the citation no longer resolves.
        var withoutRef = kb with { References = [] };
        Assert.Contains(Validate(withoutRef, ContentTree.Today), d => d.Code == "KB3001");
        Assert.Empty(Validate(kb, ContentTree.Today));

        // A review step in the future of an earlier "today".
        Assert.Contains(Validate(kb, new DateOnly(2024, 12, 31)), d => d.Code == DiagnosticCodes.FutureDate.Code);
        Assert.Empty(Validate(kb, ContentTree.Today));
    }

    [Fact]
    public void Approved_topic_becomes_due_when_the_review_interval_shrinks()
    {
        using var tree = ContentTree.Valid().With("topics/topic-a.yaml", ContentTree.TopicA
            .Replace("status: submitted\n", "status: approved\n")
            .Replace("- { status: submitted, date: 2025-01-02, by: Author }",
                "- { status: submitted, date: 2025-01-02, by: Author }\n    - { status: under-review, date: 2025-05-30, by: Editor }\n    - { status: approved, date: 2025-06-01, by: Editor }"));
        var kb = ContentLoader.Load(tree.Content, new DiagnosticBag())!;
        Assert.DoesNotContain(Validate(kb, ContentTree.Today), d => d.Code == DiagnosticCodes.ReviewDue.Code);
        var monthly = kb with { Settings = kb.Settings with { ReviewIntervalMonths = 1 } };
        Assert.Contains(Validate(monthly, ContentTree.Today), d => d.Code == DiagnosticCodes.ReviewDue.Code);
    }
}
