using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.Validation;

/// <summary>Runs every rule and collects every problem.</summary>
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

    public static void Validate(KnowledgeBase kb, ValidationContext context, DiagnosticBag diagnostics)
    {
        // Rules are independent and the bag sorts what it collects, so they run side by side.
        Parallel.ForEach(Rules, rule => rule.Check(kb, context, diagnostics));
    }
}
